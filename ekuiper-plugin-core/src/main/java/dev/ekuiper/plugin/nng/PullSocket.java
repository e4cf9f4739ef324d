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
package dev.ekuiper.plugin.nng;

import java.time.Duration;

import dev.ekuiper.plugin.nng.transport.Pipe;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;
import dev.ekuiper.plugin.nng.wire.Framing;

/**
 * PULL0: receives the messages PUSH peers send, taking from all connections as they
 * arrive. When the receive queue is full, connections are not read until it drains, so a
 * fast pusher is slowed rather than losing messages.
 */
public final class PullSocket extends NngSocket {

	private final ReceiveQueue queue = new ReceiveQueue(ReceiveQueue.DEFAULT_CAPACITY, this.lock);

	/** Opens a PULL0 socket with no connections. */
	public PullSocket() {
		super(Protocol.PULL0);
	}

	/**
	 * Receives the next message, waiting up to the receive timeout.
	 * @return the message body
	 * @throws NngTimeoutException if none arrived in time
	 * @throws NngMessageTooLargeException if the next message exceeded the max receive
	 * size; it is consumed and the connection stays
	 * @throws NngClosedException if the socket is closed
	 * @throws NngException if interrupted
	 */
	public byte[] receive() throws NngException {
		return receiveUntil(receiveDeadline(), receiveTimeoutNanos());
	}

	/**
	 * Receives the next message, waiting up to the given timeout instead of the socket's.
	 * @param timeout how long to wait
	 * @return the message body
	 * @throws NngTimeoutException if none arrived in time
	 * @throws NngMessageTooLargeException if the next message exceeded the max receive
	 * size; it is consumed and the connection stays
	 * @throws NngClosedException if the socket is closed
	 * @throws NngException if interrupted
	 */
	public byte[] receive(Duration timeout) throws NngException {
		return receiveUntil(System.nanoTime() + timeout.toNanos(), timeout.toNanos());
	}

	private byte[] receiveUntil(long deadline, long timeoutNanos) throws NngException {
		this.lock.lock();
		try {
			while (this.queue.isEmpty()) {
				checkOpen();
				if (!awaitFrame(this.queue.notEmpty(), deadline)) {
					throw timeout("receive", timeoutNanos, "no message");
				}
			}
			long tooLarge = this.queue.headOversize();
			byte[] body = this.queue.poll();
			if (tooLarge >= 0) {
				throw new NngMessageTooLargeException(tooLarge, transportOptions().maxReceiveSize());
			}
			return body;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Not over TCP. A receiver that reads each segment as it arrives keeps the connection
	 * drained, so the sender's kernel sends every small message as a segment of its own,
	 * each acknowledged; while the loop thread reads, writes queue up and are coalesced
	 * (TCP autocorking), about 24 messages per segment against 1.3, at three times the
	 * rate (docs/performance.md). Over ipc the receiving thread reads.
	 */
	@Override
	boolean readsOnCaller(Pipe pipe) {
		return pipe.framing() != Framing.TCP;
	}

	@Override
	boolean onFrame(Pipe pipe, FrameDecoder frame) {
		return this.queue.offerLocked(pipe, frame);
	}

	@Override
	void onClose() {
		this.queue.notEmpty().signalAll();
	}

}
