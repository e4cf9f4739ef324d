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

import java.nio.file.Path;
import java.time.Duration;

import dev.ekuiper.plugin.nng.transport.TransportOptions;
import dev.ekuiper.plugin.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * How the runtime behaves. The defaults match eKuiper: sockets in {@code /tmp}, a 1 s
 * send timeout (the host's process argument), a 5 s keep-alive.
 *
 * @param socketDirectory where eKuiper's sockets live
 * @param sendTimeout how long a source emit or a sink ack may wait for the host
 * @param keepAlive idle time after which a function channel re-sends its handshake (the
 * control channel re-handshakes only when its connection comes back)
 * @param hostLossTimeout how long the control connection may stay lost before the plugin
 * stops itself
 * @param setupTimeout how long a symbol's configure and open may take before the start is
 * answered with an error
 * @param functionTimeout how long one call into a symbol on the data path may take: a
 * function call, or a sink's collect whose ack eKuiper waits for (a deferred ack is due
 * within the same time of its message's arrival); a call that takes longer is answered
 * with an error ({@code state:false}, an error ack) and later calls are served again. The
 * default, 4 s, is below eKuiper's wait for a function reply,
 * {@code portable.recvTimeout} (5 s by default in 2.x, {@code internal/conf/conf.go} and
 * {@code etc/kuiper.yaml}; a fixed 5 s in 1.14,
 * {@code internal/plugin/portable/runtime/connection.go}), so the rule sees the plugin's
 * own error rather than eKuiper's {@code time out}; eKuiper waits for a sink's ack
 * without a limit ({@code recvAck} in {@code internal/plugin/portable/runtime/sink.go}),
 * so there the timeout is what keeps a rule from stalling
 * @param stopTimeout how long a stop waits for a symbol to close
 * @param maxReceiveSize largest message accepted from the host, in bytes; a larger
 * command, function request or sink payload is answered with an error
 * @param watchParent whether the death of the parent process means the host is lost
 */
public record RuntimeSettings(Path socketDirectory, Duration sendTimeout, Duration keepAlive, Duration hostLossTimeout,
		Duration setupTimeout, Duration functionTimeout, Duration stopTimeout, long maxReceiveSize,
		boolean watchParent) {

	private static final Logger logger = LoggerFactory.getLogger(RuntimeSettings.class);

	/**
	 * Returns the defaults.
	 * @return eKuiper-compatible settings
	 */
	public static RuntimeSettings defaults() {
		return new RuntimeSettings(Path.of("/tmp"), Duration.ofMillis(1000), Duration.ofSeconds(5),
				Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(4), Duration.ofSeconds(5),
				TransportOptions.DEFAULT_MAX_RECEIVE_SIZE, false);
	}

	/**
	 * Applies the argument eKuiper passes to the process, {@code {"sendTimeout":1000}}. A
	 * malformed argument is logged and ignored.
	 * @param argument the process's first argument, or {@code null}
	 * @return the settings with the argument applied
	 */
	public RuntimeSettings withProcessArgument(String argument) {
		if (argument == null || argument.isBlank()) {
			return this;
		}
		try {
			JsonNode node = Json.mapper().readTree(argument);
			JsonNode timeout = (node != null) ? node.get("sendTimeout") : null;
			if (timeout != null && timeout.canConvertToLong() && timeout.asLong() > 0) {
				return withSendTimeout(Duration.ofMillis(timeout.asLong()));
			}
			logger.warn("Ignoring process argument without a positive sendTimeout: {}", argument);
		}
		catch (JacksonException ex) {
			logger.warn("Ignoring process argument that is not JSON: {}", argument);
		}
		return this;
	}

	/**
	 * Returns a copy with another socket directory.
	 * @param directory the directory
	 * @return the new settings
	 */
	public RuntimeSettings withSocketDirectory(Path directory) {
		return new RuntimeSettings(directory, this.sendTimeout, this.keepAlive, this.hostLossTimeout, this.setupTimeout,
				this.functionTimeout, this.stopTimeout, this.maxReceiveSize, this.watchParent);
	}

	/**
	 * Returns a copy with another send timeout.
	 * @param timeout the timeout
	 * @return the new settings
	 */
	public RuntimeSettings withSendTimeout(Duration timeout) {
		return new RuntimeSettings(this.socketDirectory, timeout, this.keepAlive, this.hostLossTimeout,
				this.setupTimeout, this.functionTimeout, this.stopTimeout, this.maxReceiveSize, this.watchParent);
	}

	/**
	 * Returns a copy with another host-loss timeout.
	 * @param timeout the timeout
	 * @return the new settings
	 */
	public RuntimeSettings withHostLossTimeout(Duration timeout) {
		return new RuntimeSettings(this.socketDirectory, this.sendTimeout, this.keepAlive, timeout, this.setupTimeout,
				this.functionTimeout, this.stopTimeout, this.maxReceiveSize, this.watchParent);
	}

	/**
	 * Returns a copy with other symbol timeouts.
	 * @param setup configure and open
	 * @param function one function call
	 * @param stop closing a symbol
	 * @return the new settings
	 */
	public RuntimeSettings withSymbolTimeouts(Duration setup, Duration function, Duration stop) {
		return new RuntimeSettings(this.socketDirectory, this.sendTimeout, this.keepAlive, this.hostLossTimeout, setup,
				function, stop, this.maxReceiveSize, this.watchParent);
	}

	/**
	 * Returns a copy with another max receive size.
	 * @param bytes the limit
	 * @return the new settings
	 */
	public RuntimeSettings withMaxReceiveSize(long bytes) {
		return new RuntimeSettings(this.socketDirectory, this.sendTimeout, this.keepAlive, this.hostLossTimeout,
				this.setupTimeout, this.functionTimeout, this.stopTimeout, bytes, this.watchParent);
	}

	/**
	 * Returns a copy that does or does not watch the parent process.
	 * @param watch whether to watch
	 * @return the new settings
	 */
	public RuntimeSettings withWatchParent(boolean watch) {
		return new RuntimeSettings(this.socketDirectory, this.sendTimeout, this.keepAlive, this.hostLossTimeout,
				this.setupTimeout, this.functionTimeout, this.stopTimeout, this.maxReceiveSize, watch);
	}

	/**
	 * Returns a copy with another keep-alive interval.
	 * @param interval the interval
	 * @return the new settings
	 */
	public RuntimeSettings withKeepAlive(Duration interval) {
		return new RuntimeSettings(this.socketDirectory, this.sendTimeout, interval, this.hostLossTimeout,
				this.setupTimeout, this.functionTimeout, this.stopTimeout, this.maxReceiveSize, this.watchParent);
	}

}
