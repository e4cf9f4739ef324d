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
package dev.ekuiper.plugin.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.ekuiper.plugin.nng.NngClosedException;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngMessageTooLargeException;
import dev.ekuiper.plugin.nng.NngStateException;
import dev.ekuiper.plugin.nng.NngTimeoutException;
import dev.ekuiper.plugin.nng.ReqSocket;
import dev.ekuiper.plugin.protocol.FunctionReply;
import dev.ekuiper.plugin.protocol.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eKuiper's reversed request/reply channel, from the plugin's side: our REQ dials the
 * host's REP and sends {@code handshake}; each reply is a command, and our answer goes
 * out as the next request. When idle for the keep-alive interval the handshake is sent
 * again, which also recovers the channel after the host lost track of it.
 */
final class HostChannel {

	private static final Logger logger = LoggerFactory.getLogger(HostChannel.class);

	private static final byte[] HANDSHAKE = "handshake".getBytes(StandardCharsets.UTF_8);

	private static final Duration POLL = Duration.ofMillis(500);

	/** The two kinds of reversed channel. */
	enum Kind {

		/**
		 * {@code plugin_<name>.ipc}: commands; no idle re-handshake, keeps the JVM alive.
		 */
		CONTROL,

		/**
		 * {@code func_<name>.ipc}: calls; re-handshakes when idle, as eKuiper's SDKs do.
		 */
		FUNCTION;

		/** The answer to a message too large to receive, in this channel's error form. */
		byte[] tooLarge(long size, long limit) {
			if (this == CONTROL) {
				return Texts.safeError(Texts.tooLarge("Command", size, limit)).getBytes(StandardCharsets.UTF_8);
			}
			return FunctionReply.error(Texts.tooLarge("Function request", size, limit));
		}

	}

	/** Answers one command; must not throw. */
	@FunctionalInterface
	interface Handler {

		/**
		 * Answers a command on the channel's thread.
		 * @return the answer; {@code null} when {@link #takeOver} has answered for it,
		 * which ends the calling thread's service
		 */
		byte[] answer(byte[] command);

	}

	private final String url;

	private final Duration keepAlive;

	private final long maxReceiveSize;

	private final Kind kind;

	private final Handler handler;

	private final Runnable idle;

	private final ReqSocket socket = new ReqSocket();

	private final String name;

	/** The thread serving the channel; replaced by {@link #takeOver}. */
	private volatile Thread thread;

	private volatile boolean open = true;

	/**
	 * Creates a channel; {@link #start()} connects it.
	 * @param name names the thread
	 * @param url the host's REP address
	 * @param settings keep-alive interval and receive limit
	 * @param handler answers commands
	 * @param idle runs on the channel thread about twice a second while no command comes
	 * @param kind which channel this is
	 */
	HostChannel(String name, String url, RuntimeSettings settings, Handler handler, Runnable idle, Kind kind) {
		this.url = url;
		// eKuiper's REP keeps the last request of a dead connection: an idle re-handshake
		// on
		// the control channel would be taken as the next process's handshake after a
		// restart, before that process is up. A lost connection is re-handshaken anyway.
		this.keepAlive = (kind == Kind.CONTROL) ? null : settings.keepAlive();
		this.maxReceiveSize = settings.maxReceiveSize();
		this.kind = kind;
		this.handler = handler;
		this.idle = idle;
		this.name = name;
		this.thread = newThread(() -> serve(HANDSHAKE));
	}

	void start() throws NngException {
		// A larger command is skipped by the transport without being held, then answered.
		this.socket.setMaxReceiveSize(this.maxReceiveSize);
		this.socket.setReceiveTimeout(POLL);
		this.socket.setSendTimeout(POLL);
		this.socket.dialAsync(this.url);
		this.thread.start();
	}

	boolean isConnected() {
		return this.socket.pipeCount() > 0;
	}

	/**
	 * Answers for a handler that is stuck in a command, and serves on from a fresh
	 * thread. The stuck handler must return {@code null} when it gets back. Any thread.
	 * @param answer the answer to send in the stuck handler's place
	 */
	synchronized void takeOver(byte[] answer) {
		if (!this.open) {
			return;
		}
		Thread next = newThread(() -> serve(answer));
		this.thread = next;
		next.start();
	}

	/**
	 * Closes the socket and waits briefly for the thread; a hung handler is abandoned.
	 * @param wait how long to wait for the thread; zero not to wait
	 */
	void close(Duration wait) {
		Thread serving;
		synchronized (this) {
			this.open = false;
			serving = this.thread;
		}
		this.socket.close();
		serving.interrupt();
		try {
			if (wait.toMillis() > 0) {
				serving.join(wait.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Thread newThread(Runnable service) {
		Thread created = new Thread(service, this.name);
		// The control channel keeps the process alive while it serves.
		created.setDaemon(this.kind != Kind.CONTROL);
		return created;
	}

	/** Sends {@code first}, then answers commands until closed or taken over. */
	private void serve(byte[] first) {
		long lastSent = send(first);
		while (this.open) {
			byte[] command;
			try {
				command = this.socket.receive();
			}
			catch (NngTimeoutException | NngStateException ex) {
				this.idle.run();
				if (!this.open) {
					break;
				}
				if (ex instanceof NngStateException
						|| (this.keepAlive != null && System.nanoTime() - lastSent >= this.keepAlive.toNanos())) {
					lastSent = send(HANDSHAKE);
				}
				continue;
			}
			catch (NngClosedException ex) {
				break;
			}
			catch (NngMessageTooLargeException ex) {
				// Skipped by the transport, never held: answered so the host is not left
				// waiting.
				lastSent = send(this.kind.tooLarge(ex.size(), ex.limit()));
				continue;
			}
			catch (NngException ex) {
				if (this.open) {
					// Not the interrupt of close(), which ends the loop quietly.
					logger.warn("Channel {} receive failed: {}", this.url, ex.getMessage());
				}
				continue;
			}
			byte[] answer = this.handler.answer(command);
			if (answer == null) {
				// Answered by takeOver, which serves on from another thread.
				return;
			}
			if (this.open) {
				lastSent = send(answer);
			}
		}
	}

	/**
	 * Sends a request; a failure leaves no request outstanding, so the loop
	 * re-handshakes.
	 */
	private long send(byte[] body) {
		try {
			this.socket.send(body);
		}
		catch (NngClosedException ex) {
			this.open = false;
		}
		catch (NngException ex) {
			logger.debug("Channel {} send failed: {}", this.url, ex.getMessage());
		}
		return System.nanoTime();
	}

}
