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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.SourceConnection;
import dev.ekuiper.plugin.test.SourceTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a {@link PluginRuntime} serving the {@link Probes} in the test's own process, in a
 * temporary socket folder with short timeouts, driven by an {@link EmbeddedHost} that has
 * received its handshake when a test starts.
 */
public abstract class RuntimeTestSupport {

	protected static final Duration WAIT = Duration.ofSeconds(5);

	protected static final String PLUGIN = "probes";

	@TempDir
	protected Path sockets;

	protected final Probes probes = new Probes();

	protected final RecordingObserver observer = new RecordingObserver();

	protected PluginRuntime runtime;

	protected EmbeddedHost host;

	/**
	 * Returns the runtime's settings; short timeouts so every failure path takes well
	 * under a second.
	 * @return the settings
	 */
	RuntimeSettings settings() {
		return RuntimeSettings.defaults()
			.withSocketDirectory(this.sockets)
			.withKeepAlive(Duration.ofMillis(500))
			.withHostLossTimeout(Duration.ofSeconds(5))
			.withSendTimeout(Duration.ofMillis(300))
			.withSymbolTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@BeforeEach
	void startHostAndRuntime() throws Exception {
		this.host = newHost();
		this.runtime = newRuntime(settings());
		this.runtime.start();
		this.host.awaitHandshake(WAIT);
	}

	@AfterEach
	void stopRuntimeAndHost() {
		this.probes.release.countDown();
		this.probes.unstick.countDown();
		if (this.runtime != null) {
			this.runtime.stop();
		}
		if (this.host != null) {
			this.host.close();
		}
	}

	PluginRuntime newRuntime(RuntimeSettings settings) {
		return new PluginRuntime(this.probes.definition(PLUGIN), settings, this.observer);
	}

	/**
	 * Returns a host like eKuiper's with short timeouts; it listens at once.
	 * @return the host
	 */
	EmbeddedHost newHost() {
		return EmbeddedHost.builder(PLUGIN)
			.socketDirectory(this.sockets)
			.initTimeout(WAIT)
			.commandTimeout(WAIT)
			.functionSendTimeout(Duration.ofSeconds(3))
			.functionReceiveTimeout(Duration.ofSeconds(3))
			.sourceReceiveTimeout(Duration.ofMillis(200))
			.sinkSendTimeout(Duration.ofSeconds(1))
			.ackPollInterval(Duration.ofMillis(200))
			.build();
	}

	/**
	 * Proves the plugin still serves: a fresh source on a fresh rule delivers its records
	 * and stops cleanly.
	 */
	protected void assertStillServing() {
		String rule = "alive" + this.probes.sourcesCreated.get();
		SourceConnection source = this.host.startSource("probe", rule, "s", Map.of("count", 1));
		SourceTuple tuple = source.next(WAIT);
		assertThat(tuple.isValid()).isTrue();
		assertThat(tuple.message()).containsEntry("i", 0.0);
		source.stop();
	}

	/**
	 * Returns the names of the files in the socket folder.
	 * @return the sorted names
	 */
	protected List<String> socketFiles() throws Exception {
		try (Stream<Path> files = Files.list(this.sockets)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	/** Records what the runtime reports. */
	protected static final class RecordingObserver implements RuntimeObserver {

		public final List<String> answers = new CopyOnWriteArrayList<>();

		public final List<Boolean> connections = new CopyOnWriteArrayList<>();

		public final AtomicInteger emitted = new AtomicInteger();

		public final AtomicInteger dropped = new AtomicInteger();

		public final List<Boolean> acks = new CopyOnWriteArrayList<>();

		@Override
		public void controlConnection(boolean connected) {
			this.connections.add(connected);
		}

		@Override
		public void commandAnswered(String command, PluginType type, boolean ok) {
			this.answers.add(command + " " + ((type != null) ? type.wireName() : "-") + " " + (ok ? "ok" : "error"));
		}

		@Override
		public SourceObserver sourceStarted(String symbol, SymbolMeta meta) {
			return new SourceObserver() {

				@Override
				public void emitted() {
					RecordingObserver.this.emitted.incrementAndGet();
				}

				@Override
				public void dropped() {
					RecordingObserver.this.dropped.incrementAndGet();
				}

			};
		}

		@Override
		public SinkObserver sinkStarted(String symbol, SymbolMeta meta) {
			return new SinkObserver() {

				@Override
				public void acked(boolean success) {
					RecordingObserver.this.acks.add(success);
				}

			};
		}

	}

}
