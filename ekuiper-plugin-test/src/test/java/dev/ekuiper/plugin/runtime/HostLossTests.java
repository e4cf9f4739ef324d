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

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the control channel goes down and does not come back within the host-loss timeout
 * (here 1 s), the runtime stops its symbols, removes its socket files and runs the
 * host-loss callback (which ends the process in {@link PluginRuntime#serve}).
 */
class HostLossTests extends RuntimeTestSupport {

	private static final Duration HOST_LOSS = Duration.ofSeconds(1);

	private final CountDownLatch lost = new CountDownLatch(1);

	@Override
	RuntimeSettings settings() {
		return super.settings().withHostLossTimeout(HOST_LOSS);
	}

	@Override
	PluginRuntime newRuntime(RuntimeSettings settings) {
		PluginRuntime runtime = super.newRuntime(settings);
		runtime.onHostLost(this.lost::countDown);
		return runtime;
	}

	@Test
	void hostGoneForGoodStopsEverySymbolAndRunsTheCallbackWithinTheTimeout() throws Exception {
		SourceConnection source = this.host.startSource("probe", "rule1", "s", Map.of("count", 1));
		assertThat(source.next(WAIT).isValid()).isTrue();
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		sink.sendRow(Map.of("a", 1));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		this.host.startFunction("revert");
		assertThat(socketFiles()).contains("rule1_probe_0_0.ipc");
		await().atMost(WAIT).until(this.runtime::isConnected);

		long closed = System.nanoTime();
		this.host.close();
		assertThat(this.lost.await(HOST_LOSS.toMillis() + 2000, TimeUnit.MILLISECONDS)).isTrue();
		Duration took = Duration.ofNanos(System.nanoTime() - closed);
		assertThat(took).isBetween(HOST_LOSS, HOST_LOSS.plusMillis(1500));
		assertThat(this.runtime.isRunning()).isFalse();
		assertThat(this.runtime.awaitStop(Duration.ZERO)).isTrue();
		assertThat(this.probes.sourcesClosed).hasValue(1);
		assertThat(this.probes.sinksClosed).hasValue(1);
		assertThat(socketFiles()).isEmpty();
		assertThat(this.observer.connections).containsExactly(true, false);
	}

	@Test
	void hostThatComesBackWithinTheTimeoutKeepsThePluginRunning() throws Exception {
		// A longer timeout here: the control dial backs off (100 ms, doubling) while the
		// host is away.
		Duration hostLoss = Duration.ofSeconds(3);
		this.runtime.stop();
		this.runtime = newRuntime(settings().withHostLossTimeout(hostLoss));
		this.runtime.start();
		this.host.awaitHandshake(WAIT);
		SourceConnection source = this.host.startSource("probe", "rule1", "s", Map.of("count", -1));
		assertThat(source.next(WAIT).isValid()).isTrue();
		await().atMost(WAIT).until(this.runtime::isConnected);

		long closed = System.nanoTime();
		this.host.close();
		await().atMost(WAIT).until(() -> !this.runtime.isConnected());
		this.host = newHost();
		this.host.awaitHandshake(WAIT);
		// Past the host-loss timeout counted from the close, the plugin has not given up.
		Duration rest = hostLoss.plusMillis(500).minusNanos(System.nanoTime() - closed);
		if (!rest.isNegative()) {
			await().during(rest).atMost(rest.plus(WAIT)).until(() -> this.lost.getCount() == 1);
		}
		assertThat(this.lost.getCount()).isOne();
		assertThat(this.runtime.isRunning()).isTrue();
		assertThat(this.runtime.isConnected()).isTrue();
		assertThat(this.probes.sourcesClosed).hasValue(0);
		assertStillServing();
	}

	@Test
	void hostThatNeverConnectsCountsAsLost() throws Exception {
		this.runtime.stop();
		this.host.close();
		this.host = null;
		CountDownLatch neverConnected = new CountDownLatch(1);
		this.runtime = newRuntime(settings());
		this.runtime.onHostLost(neverConnected::countDown);
		long started = System.nanoTime();
		this.runtime.start();
		assertThat(neverConnected.await(HOST_LOSS.toMillis() + 2000, TimeUnit.MILLISECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(HOST_LOSS);
		assertThat(socketFiles()).isEmpty();
	}

	@Test
	void runtimeCanBeStartedAgainAfterAStop() throws Exception {
		await().atMost(WAIT).until(this.runtime::isConnected);
		this.runtime.stop();
		assertThat(this.runtime.isRunning()).isFalse();
		this.runtime.start();
		this.host.awaitHandshake(WAIT);
		assertStillServing();
		await().atMost(WAIT).until(this.runtime::isConnected);
		assertThat(this.lost.getCount()).isOne();
		assertThat(this.observer.connections).containsExactly(true, false, true);
	}

}
