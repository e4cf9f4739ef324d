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
package dev.ekuiper.plugin.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * SP bytes written by hand on plain Unix domain sockets, for peers that misbehave.
 */
final class RawSockets {

	/** PUSH0, what the host's sink data socket announces. */
	static final int PUSH = 0x50;

	/** REP0, what the host's control and function sockets announce. */
	static final int REP = 0x31;

	private RawSockets() {
	}

	/**
	 * Connects a blocking channel to a socket file.
	 * @param path the socket file
	 * @return the connected channel
	 * @throws IOException if nobody listens
	 */
	static SocketChannel connect(Path path) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.connect(UnixDomainSocketAddress.of(path));
			return channel;
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Returns the 8-byte connection header of a protocol.
	 * @param protocol the SP protocol number
	 * @return the header
	 */
	static byte[] header(int protocol) {
		return new byte[] { 0, 'S', 'P', 0, (byte) (protocol >> 8), (byte) protocol, 0, 0 };
	}

	/**
	 * Returns one ipc frame: type byte, length, header words, body.
	 * @param words protocol header words
	 * @param body the body
	 * @return the frame
	 */
	static byte[] frame(int[] words, byte[] body) {
		ByteBuffer frame = ByteBuffer.allocate(9 + 4 * words.length + body.length);
		frame.put((byte) 1).putLong(4L * words.length + body.length);
		for (int word : words) {
			frame.putInt(word);
		}
		return frame.put(body).array();
	}

	/**
	 * Joins byte arrays.
	 * @param parts the parts
	 * @return them one after the other
	 */
	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	/**
	 * Writes all bytes.
	 * @param channel a blocking channel
	 * @param bytes what to write
	 * @throws IOException if the peer closed the connection
	 */
	static void write(SocketChannel channel, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	/**
	 * Reads exactly {@code length} bytes.
	 * @param channel a blocking channel
	 * @param length how many
	 * @return the bytes
	 * @throws IOException if the connection ends first
	 */
	static byte[] read(SocketChannel channel, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) {
				throw new IOException("connection closed after " + buffer.position() + " of " + length + " bytes");
			}
		}
		return buffer.array();
	}

}
