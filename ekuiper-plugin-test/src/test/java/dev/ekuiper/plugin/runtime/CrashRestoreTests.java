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

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A supervised runtime journals its running sources and sinks, and the runtime of a JVM
 * started again after a crash restores them while eKuiper, which saw no process die,
 * replays nothing.
 */
class CrashRestoreTests extends RuntimeTestSupport {

	@TempDir
	Path state;

	@Override
	EmbeddedHost newHost() {
		// eKuiper replays only after it launched the plugin itself, never for a JVM the
		// launcher restarted.
		return EmbeddedHost.builder(PLUGIN)
			.socketDirectory(this.sockets)
			.initTimeout(WAIT)
			.commandTimeout(WAIT)
			.sourceReceiveTimeout(java.time.Duration.ofMillis(200))
			.ackPollInterval(java.time.Duration.ofMillis(200))
			.replayOnHandshake(false)
			.build();
	}

	@Override
	PluginRuntime newRuntime(RuntimeSettings settings) {
		PluginRuntime runtime = super.newRuntime(settings);
		runtime.supervisedBy(new Supervision(this.state, 0, -1));
		return runtime;
	}

	@Test
	void aRestartedJvmRestoresTheRunningSourcesAndSinksAndNotTheStoppedOnes() throws Exception {
		SourceConnection source = this.host.startSource("probe", "rule1", "s", Map.of("count", 3));
		assertThat(source.next(WAIT).message()).containsEntry("instance", 1.0);
		SourceConnection stoppedSource = this.host.startSource("probe", "rule2", "s", Map.of("count", 1));
		stoppedSource.stop();
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		sink.sendRow(Map.of("run", 1));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();

		crashAndRestart(1);

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(source.next(WAIT).message()).containsEntry("instance", 3.0));
		await().atMost(WAIT).until(sink::isConnected);
		sink.sendRow(Map.of("run", 2));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		assertThat(this.probes.collected).containsExactly("1: [{\"run\":1}]", "2: [{\"run\":2}]");
		assertThat(this.probes.sourcesCreated).hasValue(3);
		source.stop();
		sink.stop();
	}

	@Test
	void aFreshLaunchRestoresNothing() throws Exception {
		this.host.startSource("probe", "rule1", "s", Map.of("count", 1));
		crashAndRestart(0);
		assertStillServing();
		assertThat(this.probes.sourcesCreated).as("the source of rule1 was not started again").hasValue(2);
	}

	@Test
	void theDeathOfEkuipersProcessIsHostLossEvenWhileTheParentLives() throws Exception {
		Process ekuiper = new ProcessBuilder("sleep", "60").start();
		try {
			this.runtime.stop();
			PluginRuntime supervised = super.newRuntime(settings());
			supervised.supervisedBy(new Supervision(this.state, 0, ekuiper.pid()));
			CountDownLatch lost = new CountDownLatch(1);
			supervised.onHostLost(lost::countDown);
			this.runtime = supervised;
			supervised.start();
			this.host.awaitHandshake(WAIT);
			assertThat(lost.getCount()).isOne();
			ekuiper.destroyForcibly();
			assertThat(lost.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			assertThat(supervised.isRunning()).isFalse();
		}
		finally {
			ekuiper.destroyForcibly();
		}
	}

	/**
	 * Stands for a JVM killed and started again by the launcher: the old runtime ends
	 * without telling eKuiper anything, and a new one starts with the restart count.
	 */
	private void crashAndRestart(int restarts) throws Exception {
		this.runtime.stop();
		PluginRuntime restarted = super.newRuntime(settings());
		restarted.supervisedBy(new Supervision(this.state, restarts, -1));
		this.runtime = restarted;
		restarted.start();
		this.host.awaitHandshake(WAIT);
		assertThat(this.host.lastReplay()).isEmpty();
	}

}
