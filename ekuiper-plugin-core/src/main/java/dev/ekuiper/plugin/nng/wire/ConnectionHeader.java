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

/**
 * The 8-byte header each side sends once, at once, when a connection opens.
 *
 * <pre>
 * +------+------+------+------+-----------------+------+------+
 * | 0x00 | 'S'  | 'P'  | 0x00 | protocol (BE16) | 0x00 | 0x00 |
 * +------+------+------+------+-----------------+------+------+
 * </pre>
 */
public final class ConnectionHeader {

	/** Length of the header in bytes. */
	public static final int LENGTH = 8;

	private ConnectionHeader() {
	}

	/**
	 * Writes the header announcing {@code protocol} into {@code out}.
	 * @param out buffer with at least 8 bytes remaining
	 * @param protocol the SP protocol number of the sending socket
	 */
	public static void write(ByteBuffer out, int protocol) {
		out.put((byte) 0).put((byte) 'S').put((byte) 'P').put((byte) 0);
		out.putShort((short) protocol);
		out.put((byte) 0).put((byte) 0);
	}

	/**
	 * Reads a peer's header and returns the protocol number it announces.
	 * @param in buffer positioned at the 8 header bytes
	 * @return the peer's protocol number
	 * @throws FrameFormatException if the magic or the reserved bytes are wrong
	 */
	public static int read(ByteBuffer in) throws FrameFormatException {
		byte b0 = in.get();
		byte b1 = in.get();
		byte b2 = in.get();
		byte b3 = in.get();
		int protocol = in.getShort() & 0xFFFF;
		byte b6 = in.get();
		byte b7 = in.get();
		if (b0 != 0 || b1 != 'S' || b2 != 'P' || b3 != 0) {
			throw new FrameFormatException(String.format("bad SP header magic %02x %02x %02x %02x", b0, b1, b2, b3));
		}
		if (b6 != 0 || b7 != 0) {
			throw new FrameFormatException(String.format("bad SP header reserved bytes %02x %02x", b6, b7));
		}
		return protocol;
	}

}
