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
package dev.ekuiper.plugin.nng.wire;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Builds SP bytes by hand, independently of the transport's own writer, for tests.
 */
public final class RawBytes {

	private RawBytes() {
	}

	/**
	 * Encodes one frame with its framing prefix.
	 * @param framing the transport's framing
	 * @param words protocol header words
	 * @param body the body
	 * @return the frame bytes
	 */
	public static byte[] frame(Framing framing, int[] words, byte[] body) {
		int prefix = (framing == Framing.IPC) ? 9 : 8;
		ByteBuffer buffer = ByteBuffer.allocate(prefix + 4 * words.length + body.length);
		if (framing == Framing.IPC) {
			buffer.put((byte) 1);
		}
		buffer.putLong(4L * words.length + body.length);
		for (int word : words) {
			buffer.putInt(word);
		}
		buffer.put(body);
		return buffer.array();
	}

	/**
	 * Decodes hex digits, ignoring spaces.
	 * @param hex the digits
	 * @return the bytes
	 */
	public static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

	/**
	 * Encodes bytes as lower-case hex digits.
	 * @param bytes the bytes
	 * @return the digits
	 */
	public static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
