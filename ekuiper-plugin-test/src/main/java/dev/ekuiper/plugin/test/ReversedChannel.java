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
package dev.ekuiper.plugin.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngStateException;
import dev.ekuiper.plugin.nng.RepSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening REP socket on which the host issues requests as replies, as eKuiper's
 * control and function channels do: each request is the reply to the plugin's pending
 * message and the answer is the plugin's next message. With no pending message, one
 * message is read and discarded first; an answer starting with {@code h} is a stale
 * handshake, so the same request is sent again. One request at a time.
 */
final class ReversedChannel implements AutoCloseable {

	/** Where eKuiper loops forever, give up after this many stale answers in a row. */
	static final int MAX_STALE_ANSWERS = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(ReversedChannel.class);

	private final ReentrantLock lock = new ReentrantLock();

	private final RepSocket socket;

	private final String url;

	private final Duration receiveTimeout;

	ReversedChannel(String url, Duration sendTimeout, Duration receiveTimeout) {
		RepSocket socket = new RepSocket();
		socket.setMaxReceiveSize(0);
		socket.setSendTimeout(sendTimeout);
		socket.setReceiveTimeout(receiveTimeout);
		this.socket = Listening.listen(socket, url);
		this.url = url;
		this.receiveTimeout = receiveTimeout;
	}

	String url() {
		return this.url;
	}

	/**
	 * Waits for the plugin's first message (the handshake), which stays pending so that
	 * the next request answers it.
	 * @return the message
	 */
	byte[] awaitFirstMessage(Duration timeout) throws NngException {
		this.lock.lock();
		try {
			this.socket.setReceiveTimeout(timeout);
			try {
				return this.socket.receive();
			}
			finally {
				this.socket.setReceiveTimeout(this.receiveTimeout);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Sends a request and returns the plugin's answer, applying the host's rules.
	 * @return the answer
	 * @throws NngException if sending or receiving fails or times out
	 * @throws HostException if {@value #MAX_STALE_ANSWERS} answers in a row start with
	 * {@code h}
	 */
	byte[] request(byte[] request) throws NngException {
		this.lock.lock();
		try {
			for (int stale = 0; stale < MAX_STALE_ANSWERS; stale++) {
				send(request);
				byte[] answer = this.socket.receive();
				if (!isHandshake(answer)) {
					return answer;
				}
				logger.debug("{}: stale handshake answer '{}', sending the request again", this.url, text(answer));
			}
			throw new HostException(this.url + ": " + MAX_STALE_ANSWERS
					+ " answers in a row started with 'h'; eKuiper would resend forever and wedge this channel");
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

	private void send(byte[] request) throws NngException {
		try {
			this.socket.send(request);
		}
		catch (NngStateException ex) {
			byte[] previous = this.socket.receive();
			if (isHandshake(previous)) {
				logger.debug("{}: discard previous response: {}", this.url, text(previous));
			}
			else {
				logger.warn("{}: discard previous response: {}", this.url, text(previous));
			}
			this.socket.send(request);
		}
	}

	/**
	 * Returns whether eKuiper takes a message for a (stale) handshake: its first byte is
	 * {@code h}.
	 */
	private static boolean isHandshake(byte[] message) {
		return message.length > 0 && message[0] == 'h';
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
