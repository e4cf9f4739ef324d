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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of eKuiper's portable plugin protocol for one plugin, as eKuiper 2.4
 * plays it: it listens on the control channel, optionally launches the plugin process,
 * waits for the handshake, starts and stops sources, sinks and functions, and replays the
 * recorded starts after each new handshake. Closing it closes every socket without
 * sending stop and kills a launched process.
 */
public final class EmbeddedHost implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedHost.class);

	private final HostSettings settings;

	private final PluginControl control;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private volatile List<ReplayResult> lastReplay = List.of();

	private EmbeddedHost(HostSettings settings) {
		this.settings = settings;
		this.control = new PluginControl(settings);
	}

	/**
	 * Starts building a host for a plugin.
	 * @param pluginName the plugin name, which names the control socket
	 * @return a builder with eKuiper's defaults
	 */
	public static Builder builder(String pluginName) {
		return new Builder(pluginName);
	}

	/**
	 * Returns the plugin name.
	 * @return the name
	 */
	public String pluginName() {
		return this.settings.pluginName();
	}

	/**
	 * Returns the URL of the control channel, {@code ipc://
	 *
	<dir>
	 * /plugin_<name>.ipc}.
	 * @return the control URL
	 */
	public String controlUrl() {
		return this.control.url();
	}

	/**
	 * Returns the plugin status eKuiper would report: {@code initializing},
	 * {@code running} or {@code error}.
	 * @return the status
	 */
	public String status() {
		return this.control.status();
	}

	/**
	 * Returns the error message of the status: a handshake, replay or exit error.
	 * @return the message, empty when none
	 */
	public String statusMessage() {
		return this.control.statusMessage();
	}

	/**
	 * Launches the plugin process as eKuiper does, waits up to the init timeout for its
	 * handshake (killing it if none comes) and then replays the recorded starts if
	 * configured.
	 * @param command how to run the plugin
	 * @return the running process
	 * @throws HostTimeoutException if no handshake arrived in time
	 */
	public PluginProcess launch(PluginCommand command) {
		PluginProcess process = PluginProcess.start(pluginName(), command);
		track(process);
		process.onExit((code) -> {
			if (code != 0) {
				this.control.processExited("exit status " + code);
			}
			logger.info("plugin {} (pid {}) exited with code {}", pluginName(), process.pid(), code);
		});
		try {
			awaitHandshake(this.settings.initTimeout());
		}
		catch (RuntimeException ex) {
			process.kill();
			throw ex;
		}
		return process;
	}

	/**
	 * Waits for the plugin's handshake on the control channel, for a plugin started by
	 * other means, and then replays the recorded starts if configured.
	 * @param timeout how long to wait
	 * @return the outcomes of the replayed starts, empty when nothing was replayed
	 * @throws HostTimeoutException if no handshake arrived in time
	 */
	public List<ReplayResult> awaitHandshake(Duration timeout) {
		List<ReplayResult> results = this.control.awaitHandshake(timeout);
		if (this.settings.replayOnHandshake()) {
			this.lastReplay = results;
		}
		return results;
	}

	/**
	 * Starts a source: listens on {@code <ruleId>_<opId>_0.ipc}, then sends start.
	 * @param symbol the source symbol
	 * @param ruleId the rule id (for a shared stream eKuiper uses
	 * {@code $$subtopo_<stream>})
	 * @param opId the operator id, in eKuiper the stream name
	 * @param config the source properties; values for the stream options ({@code format},
	 * {@code datasource}, …) stand for the stream's, the others get eKuiper's unset
	 * values
	 * @return the connection
	 * @throws HostCommandException if the plugin does not answer {@code ok}
	 */
	public SourceConnection startSource(String symbol, String ruleId, String opId, Map<String, ?> config) {
		SourceConnection source = SourceConnection.start(this.control, this.settings, symbol, meta(ruleId, opId),
				config);
		AutoCloseable resource = source::closeSocket;
		track(resource);
		source.whenStopped(() -> untrack(resource));
		return source;
	}

	/**
	 * Starts a sink: listens on the ack socket, sends start, then dials the plugin's data
	 * socket once, sending stop and failing if that dial fails.
	 * @param symbol the sink symbol
	 * @param ruleId the rule id
	 * @param opId the operator id, in eKuiper {@code <sinkType>_<actionIndex>}
	 * @param config the rule action's properties, sent as they are
	 * @return the connection
	 * @throws HostCommandException if the plugin does not answer {@code ok}
	 * @throws HostException if {@code requireAck} is not a boolean or the dial fails
	 */
	public SinkConnection startSink(String symbol, String ruleId, String opId, Map<String, ?> config) {
		SinkConnection sink = SinkConnection.start(this.control, this.settings, symbol, meta(ruleId, opId), config);
		AutoCloseable resource = sink::closeSockets;
		track(resource);
		sink.whenStopped(() -> untrack(resource));
		return sink;
	}

	/**
	 * Starts a function: listens on {@code func_<symbol>.ipc}, then sends start with the
	 * empty meta.
	 * @param symbol the function symbol
	 * @return the connection
	 * @throws HostCommandException if the plugin does not answer {@code ok}
	 */
	public FunctionConnection startFunction(String symbol) {
		FunctionConnection function = FunctionConnection.start(this.control, this.settings, symbol);
		track(function);
		return function;
	}

	/**
	 * Sends any text on the control channel and returns the plugin's raw answer, applying
	 * the channel's rules but recording nothing.
	 * @param command the command text, normally JSON
	 * @return the answer
	 */
	public String sendRawCommand(String command) {
		return this.control.sendRaw(command);
	}

	/**
	 * Sends every start that was answered {@code ok} and not stopped again, one at a time
	 * in the order they were first sent.
	 * @return the outcome of each
	 */
	public List<ReplayResult> replay() {
		return this.control.replay();
	}

	/**
	 * Returns the outcomes of the replay that followed the last handshake.
	 * @return the outcomes, empty if none
	 */
	public List<ReplayResult> lastReplay() {
		return this.lastReplay;
	}

	/** Closes every socket without sending stop and kills a launched plugin. */
	@Override
	public void close() {
		List<AutoCloseable> open;
		synchronized (this.resources) {
			open = new ArrayList<>(this.resources);
			this.resources.clear();
		}
		for (AutoCloseable resource : open) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.warn("closing {} failed: {}", resource, ex.getMessage());
			}
		}
		this.control.close();
	}

	private void track(AutoCloseable resource) {
		synchronized (this.resources) {
			this.resources.add(resource);
		}
	}

	/** A stopped source or sink holds nothing more: the host forgets it. */
	private void untrack(AutoCloseable resource) {
		synchronized (this.resources) {
			this.resources.remove(resource);
		}
	}

	/** Returns how many sockets, processes and functions the host would close now. */
	int openResources() {
		synchronized (this.resources) {
			return this.resources.size();
		}
	}

	private static Meta meta(String ruleId, String opId) {
		return new Meta(Objects.requireNonNull(ruleId, "ruleId"), Objects.requireNonNull(opId, "opId"), 0);
	}

	/**
	 * Builds an {@link EmbeddedHost}; every default is eKuiper's shipped configuration
	 * except the control command timeout.
	 */
	public static final class Builder {

		private final String pluginName;

		private Path socketDirectory = Path.of("/tmp");

		private Duration initTimeout = Duration.ofSeconds(60);

		private Duration commandTimeout = Duration.ofSeconds(30);

		private Duration functionSendTimeout = Duration.ofSeconds(5);

		private Duration functionReceiveTimeout = Duration.ofSeconds(5);

		private Duration sourceReceiveTimeout = Duration.ofSeconds(5);

		private Duration sinkSendTimeout = Duration.ofSeconds(5);

		private Duration ackPollInterval = Duration.ofSeconds(1);

		private boolean replayOnHandshake = true;

		private Builder(String pluginName) {
			this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
		}

		/**
		 * Sets the folder of every socket file; eKuiper hard-codes {@code /tmp}.
		 * @param socketDirectory the folder
		 * @return this builder
		 */
		public Builder socketDirectory(Path socketDirectory) {
			this.socketDirectory = socketDirectory;
			return this;
		}

		/**
		 * Sets how long {@link EmbeddedHost#launch} waits for the handshake
		 * ({@code portable.initTimeout}, 60 s).
		 * @param initTimeout the timeout
		 * @return this builder
		 */
		public Builder initTimeout(Duration initTimeout) {
			this.initTimeout = initTimeout;
			return this;
		}

		/**
		 * Sets how long a control command waits for its answer; eKuiper waits 1 h, the
		 * default here is 30 s.
		 * @param commandTimeout the timeout
		 * @return this builder
		 */
		public Builder commandTimeout(Duration commandTimeout) {
			this.commandTimeout = commandTimeout;
			return this;
		}

		/**
		 * Sets the function channel's send deadline ({@code portable.sendTimeout}, 5 s).
		 * @param functionSendTimeout the timeout
		 * @return this builder
		 */
		public Builder functionSendTimeout(Duration functionSendTimeout) {
			this.functionSendTimeout = functionSendTimeout;
			return this;
		}

		/**
		 * Sets how long a function call waits for its reply
		 * ({@code portable.recvTimeout}, 5 s).
		 * @param functionReceiveTimeout the timeout
		 * @return this builder
		 */
		public Builder functionReceiveTimeout(Duration functionReceiveTimeout) {
			this.functionReceiveTimeout = functionReceiveTimeout;
			return this;
		}

		/**
		 * Sets the source socket's receive deadline, on which the host loops
		 * ({@code portable.recvTimeout}, 5 s).
		 * @param sourceReceiveTimeout the timeout
		 * @return this builder
		 */
		public Builder sourceReceiveTimeout(Duration sourceReceiveTimeout) {
			this.sourceReceiveTimeout = sourceReceiveTimeout;
			return this;
		}

		/**
		 * Sets the sink data socket's send deadline ({@code portable.sendTimeout}, 5 s).
		 * @param sinkSendTimeout the timeout
		 * @return this builder
		 */
		public Builder sinkSendTimeout(Duration sinkSendTimeout) {
			this.sinkSendTimeout = sinkSendTimeout;
			return this;
		}

		/**
		 * Sets the ack socket's receive deadline, on which the host polls (1 s).
		 * @param ackPollInterval the interval
		 * @return this builder
		 */
		public Builder ackPollInterval(Duration ackPollInterval) {
			this.ackPollInterval = ackPollInterval;
			return this;
		}

		/**
		 * Sets whether every handshake is followed by a replay of the recorded starts, as
		 * in eKuiper (the default); without it, call {@link EmbeddedHost#replay()}.
		 * @param replayOnHandshake whether to replay automatically
		 * @return this builder
		 */
		public Builder replayOnHandshake(boolean replayOnHandshake) {
			this.replayOnHandshake = replayOnHandshake;
			return this;
		}

		/**
		 * Creates the host, which listens on its control channel at once.
		 * @return the host
		 * @throws HostException if the control address cannot be bound
		 */
		public EmbeddedHost build() {
			return new EmbeddedHost(new HostSettings(this.pluginName, this.socketDirectory, this.initTimeout,
					this.commandTimeout, this.functionSendTimeout, this.functionReceiveTimeout,
					this.sourceReceiveTimeout, this.sinkSendTimeout, this.ackPollInterval, this.replayOnHandshake));
		}

	}

}
