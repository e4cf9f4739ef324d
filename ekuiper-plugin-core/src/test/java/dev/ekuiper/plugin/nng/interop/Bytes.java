/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.ekuiper.plugin.nng.interop;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payloads of the sizes the interop tests send, and hex helpers.
 */
final class Bytes {

	/** A message larger than 1 MiB, and not a round number. */
	static final int OVER_ONE_MIB = (1 << 20) + 4099;

	private static final HexFormat HEX = HexFormat.of();

	private Bytes() {
	}

	/**
	 * Returns {@code size} bytes where byte {@code i} is {@code i % 251}, the pattern
	 * {@code mangospeer --size} sends.
	 * @param size the length
	 * @return the payload
	 */
	static byte[] pattern(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i % 251);
		}
		return bytes;
	}

	/**
	 * Returns a reply that differs from the request but has its length: the request
	 * reversed, each byte inverted.
	 * @param request the request
	 * @return the reply
	 */
	static byte[] reply(byte[] request) {
		byte[] reply = new byte[request.length];
		for (int i = 0; i < request.length; i++) {
			reply[i] = (byte) ~request[request.length - 1 - i];
		}
		return reply;
	}

	/**
	 * Decodes plain hex, ignoring spaces.
	 * @param hex the hex digits
	 * @return the bytes
	 */
	static byte[] fromHex(String hex) {
		return HEX.parseHex(hex.replace(" ", ""));
	}

	/**
	 * Encodes bytes as lower-case hex.
	 * @param bytes the bytes
	 * @return the hex digits
	 */
	static String toHex(byte[] bytes) {
		return HEX.formatHex(bytes);
	}

	/**
	 * Asserts two payloads are equal without printing megabytes when they are not.
	 * @param actual what arrived
	 * @param expected what was sent
	 * @param what names the payload
	 */
	static void assertSameBytes(byte[] actual, byte[] expected, String what) {
		assertThat(actual).as(what + " (null)").isNotNull();
		if (expected.length <= 64 && actual.length <= 64) {
			assertThat(toHex(actual)).as(what).isEqualTo(toHex(expected));
			return;
		}
		assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
		int mismatch = Arrays.mismatch(actual, expected);
		assertThat(mismatch).as(what + ": first differing byte index").isEqualTo(-1);
	}

}
