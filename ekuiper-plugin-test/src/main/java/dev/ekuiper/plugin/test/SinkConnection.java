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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ekuiper.plugin.nng.NngClosedException;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngTimeoutException;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.protocol.ProtocolException;
import dev.ekuiper.plugin.protocol.SinkOptions;

/**
 * A started sink: the host's PUSH socket dialed to the plugin's
 * {@code <ruleId>_<opId>_0.ipc} and its PULL socket listening on
 * {@code <ruleId>_<opId>_0_ack.ipc}, which eKuiper listens on whether or not
 * {@code requireAck} is set. Unlike eKuiper, sending does not read the ack by itself:
 * call {@link #awaitAck} after each send when {@link #requireAck()} is set.
 */
public final class SinkConnection implements AutoCloseable {

	private final PluginControl control;

	private final Control start;

	private final boolean requireAck;

	private final PushSocket data;

	private final PullSocket ack;

	private final Duration ackPollInterval;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private volatile Runnable whenStopped;

	private SinkConnection(PluginControl control, Control start, boolean requireAck, PushSocket data, PullSocket ack,
			Duration ackPollInterval) {
		this.control = control;
		this.start = start;
		this.requireAck = requireAck;
		this.data = data;
		this.ack = ack;
		this.ackPollInterval = ackPollInterval;
	}

	/**
	 * Reads {@code requireAck}, listens on the ack socket, sends start and, after
	 * {@code ok}, dials the data socket once; if that fails, sends stop and fails.
	 */
	static SinkConnection start(PluginControl control, HostSettings settings, String symbol, Meta meta,
			Map<String, ?> config) {
		Map<String, Object> properties = (config != null) ? new LinkedHashMap<>(config) : new LinkedHashMap<>();
		boolean requireAck = requireAck(properties);
		PullSocket ack = new PullSocket();
		ack.setMaxReceiveSize(0);
		Listening.listen(ack, settings.ackUrl(meta));
		Control start = Control.sink(symbol, meta, properties);
		try {
			control.start(start);
		}
		catch (RuntimeException ex) {
			ack.close();
			throw ex;
		}
		PushSocket data = new PushSocket();
		data.setSendTimeout(settings.sinkSendTimeout());
		try {
			data.dial(settings.dataUrl(meta));
		}
		catch (NngException ex) {
			data.close();
			ack.close();
			control.stopQuietly(start);
			throw new HostException("can't dial on push socket: " + ex.getMessage(), ex);
		}
		return new SinkConnection(control, start, requireAck, data, ack, settings.ackPollInterval());
	}

	/**
	 * Returns whether the rule action asked for acks.
	 * @return the {@code requireAck} property, false when missing
	 */
	public boolean requireAck() {
		return this.requireAck;
	}

	/**
	 * Returns whether the data socket is connected to the plugin right now; after a
	 * plugin restart the host redials with a back-off from 100 ms to 5 s.
	 * @return {@code true} if connected
	 */
	public boolean isConnected() {
		return this.data.pipeCount() > 0;
	}

	/**
	 * Sends one payload, as the rule's sink pipeline produced it.
	 * @param payload the bytes
	 * @throws HostTimeoutException if the plugin did not take it within the send timeout
	 */
	public void send(byte[] payload) {
		try {
			this.data.send(payload);
		}
		catch (NngTimeoutException ex) {
			throw new HostTimeoutException("io error: " + ex.getMessage(), ex);
		}
		catch (NngClosedException ex) {
			throw new HostException("sink " + this.start.key() + " is stopped", ex);
		}
		catch (NngException ex) {
			throw new HostException("io error: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Sends any value encoded as JSON.
	 * @param value the value
	 */
	public void sendJson(Object value) {
		send(GoJson.encode(value));
	}

	/**
	 * Sends rows in eKuiper's default shape: a JSON array of row objects.
	 * @param rows the rows
	 */
	public void sendRows(List<? extends Map<String, ?>> rows) {
		sendJson(rows);
	}

	/**
	 * Sends one row in eKuiper's default shape, which is an array even for one row.
	 * @param row the row
	 */
	public void sendRow(Map<String, ?> row) {
		sendJson(List.of(row));
	}

	/**
	 * Sends one row in the {@code sendSingle:true} shape: a single JSON object.
	 * @param row the row
	 */
	public void sendSingle(Map<String, ?> row) {
		sendJson(row);
	}

	/**
	 * Reads the next ack, polling as eKuiper does, up to the given time.
	 * @param timeout how long to wait; eKuiper itself waits until the rule stops
	 * @return the ack
	 * @throws HostTimeoutException if none arrived in time
	 */
	public Ack awaitAck(Duration timeout) {
		return pollAck(timeout).orElseThrow(() -> new HostTimeoutException(
				"no ack from sink " + this.start.key() + " within " + timeout.toMillis() + " ms", null));
	}

	/**
	 * Reads the next ack if one arrives within the given time.
	 * @param timeout how long to wait
	 * @return the ack, or empty
	 */
	public Optional<Ack> pollAck(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return Optional.empty();
			}
			this.ack.setReceiveTimeout(Duration.ofNanos(Math.min(remaining, this.ackPollInterval.toNanos())));
			try {
				return Optional.of(Ack.decode(this.ack.receive()));
			}
			catch (NngTimeoutException ex) {
				// eKuiper polls again until the rule stops.
			}
			catch (NngClosedException ex) {
				throw new HostException("sink " + this.start.key() + " is stopped", ex);
			}
			catch (NngException ex) {
				throw new HostException("cannot receive ack: " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * Stops the sink as eKuiper does: closes the data and ack sockets first, then sends
	 * stop.
	 * @throws HostCommandException if the plugin does not answer {@code ok}; the start
	 * then stays recorded for replay
	 */
	public void stop() {
		if (closeSockets()) {
			this.control.stop(this.start);
		}
	}

	/**
	 * Stops the sink if it is not stopped yet, logging rather than throwing a failure.
	 */
	@Override
	public void close() {
		if (closeSockets()) {
			this.control.stopQuietly(this.start);
		}
	}

	/**
	 * Closes both sockets without sending stop, as when the host goes away.
	 * @return whether this call closed them
	 */
	boolean closeSockets() {
		if (!this.stopped.compareAndSet(false, true)) {
			return false;
		}
		this.data.close();
		this.ack.close();
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

	/**
	 * Reads {@code requireAck} as eKuiper does, and fails as eKuiper's rule creation does
	 * when it is not a boolean.
	 */
	private static boolean requireAck(Map<String, Object> properties) {
		try {
			return SinkOptions.requireAck(properties);
		}
		catch (ProtocolException ex) {
			// mapstructure's error, as eKuiper reports it.
			throw new HostException("1 error(s) decoding:\n\n* " + ex.getMessage(), ex);
		}
	}

}
