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
package dev.ekuiper.plugin.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads frames of an 8-byte big-endian length plus payload from a blocking channel, as
 * nngbench's raw reader does: each read takes as much as the kernel has, so one read
 * often holds several frames, and a partial frame is only moved to the front when the
 * buffer's tail runs short. Frames are not copied: {@link #next()} leaves the payload in
 * the buffer. Allocates nothing per frame.
 */
final class FrameReader {

	static final int BUFFER_SIZE = 256 * 1024;

	static final int MAX_MESSAGE = 64 * 1024 + 64;

	private final ReadableByteChannel channel;

	private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

	/** Unread bytes are buffer[offset, length). */
	private int offset;

	private int length;

	private int frameStart;

	FrameReader(ReadableByteChannel channel) {
		this.channel = channel;
	}

	/**
	 * Reads the next frame.
	 * @return its payload length, or -1 at end of stream
	 * @throws IOException if reading fails or a frame is too large
	 */
	int next() throws IOException {
		while (true) {
			int available = this.length - this.offset;
			if (available >= 8) {
				long size = this.buffer.getLong(this.offset);
				if (size < 0 || size > MAX_MESSAGE) {
					throw new IOException("bad frame length " + size);
				}
				if (available >= 8 + size) {
					this.frameStart = this.offset;
					this.offset += 8 + (int) size;
					return (int) size;
				}
			}
			if (available == 0) {
				this.offset = 0;
				this.length = 0;
			}
			else if (BUFFER_SIZE - this.length < 8 + MAX_MESSAGE) {
				this.buffer.limit(this.length).position(this.offset);
				this.buffer.compact();
				this.offset = 0;
				this.length = available;
			}
			this.buffer.limit(BUFFER_SIZE).position(this.length);
			int n = this.channel.read(this.buffer);
			if (n <= 0) {
				return -1;
			}
			this.length += n;
		}
	}

	/** The buffer the frames are in; read it through a duplicate. */
	ByteBuffer buffer() {
		return this.buffer;
	}

	/** Offset in {@link #buffer()} of the last frame's length prefix. */
	int frameStart() {
		return this.frameStart;
	}

}
