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
import java.util.concurrent.ThreadLocalRandom;

import dev.ekuiper.plugin.nng.transport.Pipe;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;

/**
 * REQ0: sends a request and receives the reply to it. Each request carries a 32-bit id
 * with the top bit set, starting at a random value; replies with another id are dropped.
 * A new request abandons the outstanding one. If the connection carrying the outstanding
 * request is lost, the request is sent again on the next connection, and with a resend
 * time set it is sent again whenever that much time passes without a reply.
 */
public final class ReqSocket extends NngSocket {

	private static final ThreadLocal<int[]> SEND_WORD = ThreadLocal.withInitial(() -> new int[1]);

	private final Waiters replied = new Waiters(this.lock);

	private final int[] idWord = new int[1];

	private int nextId = ThreadLocalRandom.current().nextInt();

	private boolean outstanding;

	private byte[] request;

	private Pipe requestPipe;

	private byte[] reply;

	/** The size of a reply too large to receive, or -1. */
	private long replyTooLarge = -1;

	private boolean resendOnNextPipe;

	private volatile long resendNanos;

	/** Opens a REQ0 socket with no connections. */
	public ReqSocket() {
		super(Protocol.REQ0);
	}

	/**
	 * Sets how long to wait for a reply before sending the request again; zero or
	 * {@code null} turns resending off (the default, as eKuiper uses).
	 * @param resendTime the resend interval
	 */
	public void setResendTime(Duration resendTime) {
		this.resendNanos = (resendTime == null || resendTime.isNegative()) ? 0 : resendTime.toNanos();
	}

	/**
	 * Sends a request, abandoning any outstanding one. The array must not be changed
	 * while the request is outstanding.
	 * @param body the request body
	 * @throws NngTimeoutException if no peer could take it within the send timeout
	 * @throws NngClosedException if the socket is closed
	 * @throws NngException if interrupted
	 */
	public void send(byte[] body) throws NngException {
		int id;
		this.lock.lock();
		try {
			checkOpen();
			id = (this.nextId++) | 0x80000000;
			this.idWord[0] = id;
			this.outstanding = true;
			this.request = body;
			this.reply = null;
			this.requestPipe = null;
			this.resendOnNextPipe = false;
		}
		finally {
			this.lock.unlock();
		}
		Pipe pipe;
		try {
			int[] word = SEND_WORD.get();
			word[0] = id;
			pipe = sendToAnyPipe(word, 1, body);
		}
		catch (NngException ex) {
			this.lock.lock();
			try {
				if (this.idWord[0] == id) {
					this.outstanding = false;
					this.request = null;
				}
			}
			finally {
				this.lock.unlock();
			}
			throw ex;
		}
		this.lock.lock();
		try {
			if (this.idWord[0] == id && this.outstanding) {
				this.requestPipe = pipe;
				if (pipe.isClosed()) {
					// Lost between the write and now: onPipeRemoved could not know it was
					// ours.
					resendElsewhere();
				}
				scheduleResend(id);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Receives the reply to the outstanding request, waiting up to the receive timeout.
	 * After a timeout the request stays outstanding and its reply can still be received.
	 * @return the reply body
	 * @throws NngStateException if no request is outstanding
	 * @throws NngTimeoutException if no reply arrived in time
	 * @throws NngMessageTooLargeException if the reply exceeded the max receive size; the
	 * request is answered and no longer outstanding
	 * @throws NngClosedException if the socket is closed
	 * @throws NngException if interrupted
	 */
	public byte[] receive() throws NngException {
		long deadline = receiveDeadline();
		this.lock.lock();
		try {
			checkOpen();
			if (!this.outstanding) {
				throw new NngStateException("REQ receive with no request outstanding");
			}
			while (this.reply == null) {
				checkOpen();
				if (!awaitFrame(this.replied, deadline)) {
					throw timeout("receive", receiveTimeoutNanos(), "no reply");
				}
				if (!this.outstanding) {
					throw new NngStateException("the request was abandoned by a newer one");
				}
			}
			byte[] body = this.reply;
			long tooLarge = this.replyTooLarge;
			this.reply = null;
			this.replyTooLarge = -1;
			this.outstanding = false;
			this.request = null;
			if (tooLarge >= 0) {
				throw new NngMessageTooLargeException(tooLarge, transportOptions().maxReceiveSize());
			}
			return body;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	boolean onFrame(Pipe pipe, FrameDecoder frame) {
		this.lock.lock();
		try {
			if (this.outstanding && this.reply == null && frame.words()[0] == this.idWord[0]) {
				this.reply = frame.body();
				this.replyTooLarge = frame.isOversize() ? frame.frameLength() - 4 : -1;
				this.replied.signalAll();
			}
			// Anything else is a stale or duplicate reply: dropped, as libnng does.
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	void onPipeAdded(Pipe pipe) {
		if (this.resendOnNextPipe) {
			this.resendOnNextPipe = false;
			resendOn(pipe);
		}
	}

	@Override
	void onPipeRemoved(Pipe pipe) {
		if (this.requestPipe == pipe) {
			resendElsewhere();
		}
	}

	@Override
	void onClose() {
		this.replied.signalAll();
	}

	/** Re-sends the outstanding request on a live pipe, or on the next one; lock held. */
	private void resendElsewhere() {
		this.requestPipe = null;
		if (!this.outstanding || this.reply != null) {
			return;
		}
		for (Pipe candidate : this.pipes) {
			if (!candidate.isClosed() && !candidate.isBusy()) {
				resendOn(candidate);
				return;
			}
		}
		this.resendOnNextPipe = true;
	}

	/** Sends the outstanding request again on a pipe; lock held. */
	private void resendOn(Pipe pipe) {
		byte[] body = this.request;
		int[] id = { this.idWord[0] };
		this.requestPipe = pipe;
		execute(() -> {
			boolean sent;
			try {
				// Never wait on the loop thread: a fresh or idle pipe takes it at once.
				sent = pipe.send(id, 1, body, System.nanoTime());
			}
			catch (Exception ex) {
				sent = false;
			}
			if (!sent) {
				retryResend(id[0], pipe);
			}
		});
	}

	/** A re-send did not go out: try another pipe, still without blocking the loop. */
	private void retryResend(int id, Pipe failed) {
		schedule(10_000_000L, () -> {
			this.lock.lock();
			try {
				if (this.idWord[0] == id && this.requestPipe == failed) {
					resendElsewhere();
				}
			}
			finally {
				this.lock.unlock();
			}
		});
	}

	private void scheduleResend(int id) {
		long interval = this.resendNanos;
		if (interval <= 0) {
			return;
		}
		schedule(interval, () -> {
			this.lock.lock();
			try {
				if (this.outstanding && this.reply == null && this.idWord[0] == id && this.requestPipe != null) {
					resendOn(this.requestPipe);
					scheduleResend(id);
				}
			}
			finally {
				this.lock.unlock();
			}
		});
	}

}
