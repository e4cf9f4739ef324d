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
 * How a frame's length is prefixed on each transport.
 *
 * <pre>
 * ipc:  +------+--------------------+----------------------------+
 *       | 0x01 | length (BE64)      | protocol header + body     |
 *       +------+--------------------+----------------------------+
 * tcp:         +--------------------+----------------------------+
 *              | length (BE64)      | protocol header + body     |
 *              +--------------------+----------------------------+
 * </pre>
 *
 * The length counts the protocol header and the body together. On {@code ipc://} the
 * leading type byte is always {@code 0x01}; anything else is a protocol error.
 */
public enum Framing {

	/** {@code ipc://}: a type byte, then the length. */
	IPC(9),

	/** {@code tcp://}: the length alone. */
	TCP(8);

	/** The only message type byte defined for {@code ipc://}. */
	public static final byte IPC_MESSAGE_TYPE = 0x01;

	private final int prefixLength;

	Framing(int prefixLength) {
		this.prefixLength = prefixLength;
	}

	/**
	 * Returns the number of bytes in front of each frame's content.
	 * @return 9 for ipc, 8 for tcp
	 */
	public int prefixLength() {
		return this.prefixLength;
	}

	/**
	 * Writes the prefix for a frame whose content is {@code length} bytes long.
	 * @param out buffer with at least {@link #prefixLength()} bytes remaining
	 * @param length protocol header plus body, in bytes
	 */
	public void writePrefix(ByteBuffer out, long length) {
		if (this == IPC) {
			out.put(IPC_MESSAGE_TYPE);
		}
		out.putLong(length);
	}

}
