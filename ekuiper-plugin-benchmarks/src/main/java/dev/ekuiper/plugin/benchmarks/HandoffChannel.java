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
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A control experiment, not a transport: the raw Unix-socket framing with the thread
 * structure of this SDK's NNG pipes. A selector thread reads and decodes every frame into
 * a new array and hands it to the receiving thread through a lock and condition; senders
 * write directly. Ping-pong over it, against {@code rawuds-pingpong}, isolates what one
 * thread hand-off per received message costs on this machine.
 */
final class HandoffChannel implements AutoCloseable {

	private final SocketChannel channel;

	private final Selector selector;

	private final Thread reader;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notEmpty = this.lock.newCondition();

	private final ArrayDeque<byte[]> queue = new ArrayDeque<>(128);

	private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);

	private final ByteBuffer out = ByteBuffer.allocateDirect(FrameReader.MAX_MESSAGE + 8);

	private boolean eof;

	HandoffChannel(SocketChannel channel) throws IOException {
		this.channel = channel;
		channel.configureBlocking(false);
		this.selector = Selector.open();
		channel.register(this.selector, SelectionKey.OP_READ);
		this.reader = new Thread(this::readLoop, "handoff-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Sends one frame from the calling thread, as the transport's pipes do. */
	void send(byte[] body) throws IOException {
		this.out.clear();
		this.out.putLong(body.length).put(body).flip();
		while (this.out.hasRemaining()) {
			this.channel.write(this.out);
		}
	}

	/**
	 * Waits for the next frame the reader thread handed over.
	 * @return the body, or {@code null} at end of stream
	 */
	byte[] receive() throws InterruptedException {
		this.lock.lock();
		try {
			while (this.queue.isEmpty()) {
				if (this.eof) {
					return null;
				}
				this.notEmpty.awaitNanos(TimeUnit.SECONDS.toNanos(10));
			}
			return this.queue.poll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void readLoop() {
		try {
			while (this.selector.isOpen()) {
				this.selector.select();
				this.selector.selectedKeys().clear();
				int n = this.channel.read(this.in);
				if (n < 0) {
					endOfStream();
					// Like the transport's loop thread, live on until closed (so that the
					// allocation counters of this thread still count).
					this.selector.keys().forEach(SelectionKey::cancel);
					while (this.selector.isOpen()) {
						this.selector.select();
					}
					return;
				}
				this.in.flip();
				while (this.in.remaining() >= 8 && this.in.remaining() >= 8 + this.in.getLong(this.in.position())) {
					byte[] body = new byte[(int) this.in.getLong()];
					this.in.get(body);
					this.lock.lock();
					try {
						this.queue.add(body);
						this.notEmpty.signal();
					}
					finally {
						this.lock.unlock();
					}
				}
				this.in.compact();
			}
		}
		catch (IOException | ClosedSelectorException ex) {
			endOfStream();
		}
	}

	private void endOfStream() {
		this.lock.lock();
		try {
			this.eof = true;
			this.notEmpty.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() throws IOException {
		this.selector.close();
		this.channel.close();
	}

}
