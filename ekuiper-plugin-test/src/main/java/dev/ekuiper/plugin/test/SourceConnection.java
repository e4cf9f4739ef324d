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

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ekuiper.plugin.nng.NngClosedException;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngTimeoutException;
import dev.ekuiper.plugin.nng.PullSocket;

/**
 * A started source: the host's PULL socket on {@code <ruleId>_<opId>_0.ipc}, from which
 * the plugin's messages are read and decoded as eKuiper does.
 */
public final class SourceConnection implements AutoCloseable {

	private final PluginControl control;

	private final Control start;

	private final PullSocket socket;

	private final Duration receiveTimeout;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private volatile Runnable whenStopped;

	private SourceConnection(PluginControl control, Control start, PullSocket socket, Duration receiveTimeout) {
		this.control = control;
		this.start = start;
		this.socket = socket;
		this.receiveTimeout = receiveTimeout;
	}

	/**
	 * Listens on the source socket first, then sends start; on failure closes the socket.
	 */
	static SourceConnection start(PluginControl control, HostSettings settings, String symbol, Meta meta,
			Map<String, ?> config) {
		PullSocket socket = new PullSocket();
		socket.setMaxReceiveSize(0);
		Listening.listen(socket, settings.dataUrl(meta));
		Control start = Control.source(symbol, meta, SourceConfig.withStreamOptions(config));
		try {
			control.start(start);
		}
		catch (RuntimeException ex) {
			socket.close();
			throw ex;
		}
		return new SourceConnection(control, start, socket, settings.sourceReceiveTimeout());
	}

	/**
	 * Returns the config sent to the plugin, stream options included.
	 * @return the start config
	 */
	public Map<String, Object> config() {
		return this.start.config();
	}

	/**
	 * Receives the next message, waiting up to the given time.
	 * @param timeout how long to wait
	 * @return the decoded message, or one carrying eKuiper's decode error
	 * @throws HostTimeoutException if none arrived in time
	 */
	public SourceTuple next(Duration timeout) {
		return poll(timeout).orElseThrow(() -> new HostTimeoutException(
				"no message from source " + this.start.symbolName() + " within " + timeout.toMillis() + " ms", null));
	}

	/**
	 * Receives the next message if one arrives within the given time.
	 * @param timeout how long to wait
	 * @return the decoded message, or empty
	 */
	public Optional<SourceTuple> poll(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return Optional.empty();
			}
			this.socket.setReceiveTimeout(Duration.ofNanos(Math.min(remaining, this.receiveTimeout.toNanos())));
			try {
				return Optional.of(SourceTuple.decode(this.socket.receive()));
			}
			catch (NngTimeoutException ex) {
				// eKuiper loops on its receive timeout until the rule stops.
			}
			catch (NngClosedException ex) {
				throw new HostException("source " + this.start.key() + " is stopped", ex);
			}
			catch (NngException ex) {
				throw new HostException("cannot receive from mangos Socket: " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * Stops the source as eKuiper does: closes the PULL socket first, then sends stop.
	 * @throws HostCommandException if the plugin does not answer {@code ok}; the start
	 * then stays recorded for replay
	 */
	public void stop() {
		if (closeSocket()) {
			this.control.stop(this.start);
		}
	}

	/**
	 * Stops the source if it is not stopped yet, logging rather than throwing a failure.
	 */
	@Override
	public void close() {
		if (closeSocket()) {
			this.control.stopQuietly(this.start);
		}
	}

	/**
	 * Closes the socket without sending stop, as when the host goes away.
	 * @return whether this call closed it
	 */
	boolean closeSocket() {
		if (!this.stopped.compareAndSet(false, true)) {
			return false;
		}
		this.socket.close();
		Runnable action = this.whenStopped;
		if (action != null) {
			action.run();
		}
		return true;
	}

	/**
	 * Runs {@code action} once the connection is stopped or closed; set once, right after
	 * start.
	 */
	void whenStopped(Runnable action) {
		this.whenStopped = action;
	}

}
