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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's control channel to one plugin: the handshake, start and stop commands, the
 * record of starts answered {@code ok} that is replayed after a new handshake, and the
 * plugin status eKuiper reports.
 */
final class PluginControl implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PluginControl.class);

	private static final String OK = "ok";

	private final HostSettings settings;

	private final ReversedChannel channel;

	private final Map<String, Control> starts = new LinkedHashMap<>();

	private volatile String status = "initializing";

	private volatile String statusMessage = "";

	PluginControl(HostSettings settings) {
		this.settings = settings;
		this.channel = new ReversedChannel(settings.controlUrl(), settings.commandTimeout(), settings.commandTimeout());
	}

	String url() {
		return this.channel.url();
	}

	String pluginName() {
		return this.settings.pluginName();
	}

	String status() {
		return this.status;
	}

	String statusMessage() {
		return this.statusMessage;
	}

	/**
	 * Waits for the plugin's handshake and then, if configured, replays the recorded
	 * starts.
	 * @return the replay outcomes
	 */
	List<ReplayResult> awaitHandshake(Duration timeout) {
		try {
			this.channel.awaitFirstMessage(timeout);
		}
		catch (NngException ex) {
			HostException failure = (ex instanceof NngTimeoutException)
					? new HostTimeoutException(handshakeError(ex), ex) : new HostException(handshakeError(ex), ex);
			failed(failure.getMessage());
			throw failure;
		}
		this.status = "running";
		this.statusMessage = "";
		logger.info("plugin {} handshake received on {}", pluginName(), url());
		return this.settings.replayOnHandshake() ? replay() : List.of();
	}

	/** Sends a start and records it when answered {@code ok}. */
	void start(Control control) {
		expectOk(send(control.startCommand()));
		synchronized (this.starts) {
			this.starts.put(control.recordKey(), control);
		}
	}

	/** Sends a stop and forgets the start when answered {@code ok}. */
	void stop(Control control) {
		expectOk(send(control.stopCommand()));
		synchronized (this.starts) {
			this.starts.remove(control.recordKey());
		}
	}

	/** Sends a stop, only logging a failure, as eKuiper does. */
	void stopQuietly(Control control) {
		try {
			stop(control);
		}
		catch (HostException ex) {
			logger.warn("stop of {} failed: {}", control.key(), ex.getMessage());
		}
	}

	/** Sends any text and returns the raw answer. */
	String sendRaw(String command) {
		return send(command.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends every recorded start again, one at a time, in the order they were recorded.
	 */
	List<ReplayResult> replay() {
		List<Control> recorded;
		synchronized (this.starts) {
			recorded = new ArrayList<>(this.starts.values());
		}
		List<ReplayResult> results = new ArrayList<>(recorded.size());
		for (Control control : recorded) {
			results.add(replay(control));
		}
		return results;
	}

	/** Records that the plugin process ended. */
	void processExited(String description) {
		failed(description);
	}

	@Override
	public void close() {
		this.channel.close();
	}

	private ReplayResult replay(Control control) {
		String answer;
		try {
			answer = send(control.startCommand());
		}
		catch (HostException ex) {
			failed(ex.getMessage());
			logger.error("send command to {} error: {}", control.key(), ex.getMessage());
			return new ReplayResult(control.key(), false, ex.getMessage());
		}
		if (!OK.equals(answer)) {
			failed("receive error: " + answer);
			logger.error("send command to {} error: receive error: {}", control.key(), answer);
		}
		return new ReplayResult(control.key(), OK.equals(answer), answer);
	}

	private String send(byte[] command) {
		try {
			return ReversedChannel.text(this.channel.request(command));
		}
		catch (NngTimeoutException ex) {
			throw new HostTimeoutException("can't receive: " + ex.getMessage(), ex);
		}
		catch (NngException ex) {
			throw new HostException("can't send message on control rep socket: " + ex.getMessage(), ex);
		}
	}

	private void expectOk(String answer) {
		if (!OK.equals(answer)) {
			throw new HostCommandException(answer);
		}
	}

	private String handshakeError(NngException ex) {
		return "plugin " + pluginName() + " control handshake error: " + ex.getMessage();
	}

	private void failed(String message) {
		this.status = "error";
		this.statusMessage = message;
	}

}
