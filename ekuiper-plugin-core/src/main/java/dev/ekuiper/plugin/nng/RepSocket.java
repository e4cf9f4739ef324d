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

import java.nio.channels.ClosedChannelException;

import dev.ekuiper.plugin.nng.transport.Pipe;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;

/**
 * REP0: receives requests and answers each on the connection it came from, echoing its
 * backtrace (hop words and request id). Like libnng's and mangos' cooked REP, each
 * receive replaces the request to be answered, and a send answers the last one received.
 * Requests arriving meanwhile wait in the queue in order.
 */
public final class RepSocket extends NngSocket {

	/** Per-thread copy of the backtrace being sent, written outside the lock. */
	private static final ThreadLocal<int[]> SEND_BACKTRACE = ThreadLocal.withInitial(() -> new int[16]);

	private final ReceiveQueue queue = new ReceiveQueue(ReceiveQueue.DEFAULT_CAPACITY, this.lock);

	private final int[] backtrace = new int[16];

	private int backtraceWords;

	private Pipe requestPipe;

	/** Opens a REP0 socket with no connections. */
	public RepSocket() {
		super(Protocol.REP0);
	}

	/**
	 * Receives the next request, waiting up to the receive timeout; it becomes the
	 * request the next {@link #send} answers.
	 * @return the request body
	 * @throws NngTimeoutException if none arrived in time
	 * @throws NngClosedException if the socket is closed
	 * @throws NngException if interrupted
	 */
	public byte[] receive() throws NngException {
		long deadline = receiveDeadline();
		this.lock.lock();
		try {
			while (this.queue.isEmpty()) {
				checkOpen();
				if (!awaitFrame(this.queue.notEmpty(), deadline)) {
					throw timeout("receive", receiveTimeoutNanos(), "no request");
				}
			}
			this.requestPipe = this.queue.headPipe();
			this.backtraceWords = this.queue.headWords(this.backtrace);
			return this.queue.poll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Answers the last request received. If its connection is gone the reply is dropped,
	 * as with libnng.
	 * @param body the reply body
	 * @throws NngStateException if there is no request to answer
	 * @throws NngTimeoutException if the connection could not take it within the send
	 * timeout
	 * @throws NngClosedException if the socket is closed
	 * @throws NngException if interrupted
	 */
	public void send(byte[] body) throws NngException {
		Pipe pipe;
		int[] words;
		int count;
		this.lock.lock();
		try {
			checkOpen();
			if (this.requestPipe == null) {
				throw new NngStateException("REP send with no request to answer");
			}
			pipe = this.requestPipe;
			count = this.backtraceWords;
			words = SEND_BACKTRACE.get();
			System.arraycopy(this.backtrace, 0, words, 0, count);
			this.requestPipe = null;
		}
		finally {
			this.lock.unlock();
		}
		// The socket lock is not held while writing: a requester that does not read must
		// not stall the loop thread, which needs the lock to deliver other pipes'
		// requests.
		try {
			if (pipe.send(words, count, body, sendDeadline())) {
				checkNotClosedDuring(pipe);
				return;
			}
		}
		catch (ClosedChannelException ex) {
			// The requester is gone: its reply is dropped, as with libnng. A closed
			// socket
			// still says so.
			checkOpen();
			return;
		}
		catch (InterruptedException ex) {
			throw interrupted("sending", ex);
		}
		throw timeout("send", sendTimeoutNanos(), "the requester is not reading");
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
