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
package dev.ekuiper.plugin.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.runtime.RuntimeTestSupport;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.ReplayResult;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many start/stop cycles of sources and sinks, and many plugin restarts each followed by
 * eKuiper's replay of every recorded start, leave the threads, file descriptors and
 * socket files of this process (plugin and host alike) where they were. The counts
 * default to what CI runs; {@code -Dreliability.cycles} and
 * {@code -Dreliability.restarts} run more.
 */
class LeakTests extends RuntimeTestSupport {

	private static final int CYCLES = Integer.getInteger("reliability.cycles", 1000);

	private static final int RESTARTS = Integer.getInteger("reliability.restarts", 1000);

	/**
	 * Threads or descriptors over the baseline that are tolerated (pool threads idle out
	 * later).
	 */
	private static final int SLACK = 2;

	private static final Duration SETTLE = Duration.ofSeconds(10);

	@Test
	void sourceAndSinkStartStopCyclesLeaveNoThreadsDescriptorsOrSocketFiles() throws Exception {
		for (int i = 0; i < 5; i++) {
			startUseAndStop(i);
		}
		Resources baseline = Resources.now();
		List<String> files = socketFiles();
		long started = System.nanoTime();
		for (int i = 0; i < CYCLES; i++) {
			startUseAndStop(i);
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		Resources after = Resources.awaitBackTo(baseline, SLACK, SETTLE);
		System.out.printf("%d source and sink start/stop cycles in %d ms: %s%n", CYCLES, millis,
				after.changeFrom(baseline));
		assertBackTo(baseline, after);
		assertThat(socketFiles()).isEqualTo(files);
		assertThat(this.probes.sourcesClosed).hasValue(this.probes.sourcesCreated.get());
		assertThat(this.probes.sinksClosed).hasValue(this.probes.sinksCreated.get());
		assertThat(this.runtime.status()).filteredOn((status) -> status.type() != PluginType.FUNCTION)
			.allSatisfy((status) -> assertThat(status.running()).isZero());
	}

	@Test
	void pluginRestartsWithEveryStartReplayedLeaveNoThreadsDescriptorsOrSocketFiles() throws Exception {
		SourceConnection source = this.host.startSource("probe", "rule1", "s", Map.of("count", 1));
		assertThat(source.next(WAIT).isValid()).isTrue();
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		FunctionConnection revert = this.host.startFunction("revert");
		for (int i = 0; i < 3; i++) {
			restart(source);
		}
		assertServing(source, sink, revert, -1);
		Resources baseline = Resources.now();
		List<String> files = socketFiles();
		long started = System.nanoTime();
		for (int i = 0; i < RESTARTS; i++) {
			restart(source);
			if (i % 100 == 99) {
				assertServing(source, sink, revert, i);
			}
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertServing(source, sink, revert, RESTARTS);
		Resources after = Resources.awaitBackTo(baseline, SLACK, SETTLE);
		System.out.printf("%d plugin restarts, each replaying 3 starts, in %d ms: %s%n", RESTARTS, millis,
				after.changeFrom(baseline));
		assertBackTo(baseline, after);
		// The host's connections were made once, so what the heap holds is the plugin's.
		assertThat(after.heapBytes() - baseline.heapBytes()).as("retained heap growth").isLessThan(16L * 1024 * 1024);
		assertThat(socketFiles()).isEqualTo(files);
		assertThat(this.probes.sourcesClosed.get()).isEqualTo(this.probes.sourcesCreated.get() - 1);
		assertThat(this.probes.sinksClosed.get()).isEqualTo(this.probes.sinksCreated.get() - 1);
	}

	private void startUseAndStop(int i) {
		SourceConnection source = this.host.startSource("probe", "leak", "s", Map.of("count", 1));
		assertThat(source.next(WAIT).isValid()).isTrue();
		SinkConnection sink = this.host.startSink("probe", "leak", "probe_0", Map.of("requireAck", true));
		sink.sendRow(Map.of("i", i));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		source.stop();
		sink.stop();
		this.probes.collected.clear();
	}

	/**
	 * Stops and starts the runtime as a new plugin process would come up, and replays.
	 */
	private void restart(SourceConnection source) throws Exception {
		this.runtime.stop();
		this.runtime.start();
		List<ReplayResult> replayed = this.host.awaitHandshake(WAIT);
		assertThat(replayed).extracting(ReplayResult::ok).containsExactly(true, true, true);
		// Each new source instance emits its one record; take it so nothing piles up.
		assertThat(source.next(WAIT).isValid()).isTrue();
	}

	private void assertServing(SourceConnection source, SinkConnection sink, FunctionConnection revert, int round) {
		await().atMost(SETTLE).until(sink::isConnected);
		sink.sendRow(Map.of("round", round));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		assertThat(revert.exec(List.of("abc" + round), "rule1", "op1").result())
			.isEqualTo(new StringBuilder("abc" + round).reverse().toString());
		assertThat(source.poll(Duration.ofMillis(50))).isEmpty();
		this.probes.collected.clear();
	}

	private static void assertBackTo(Resources baseline, Resources after) {
		assertThat(after.threads()).as("threads %s, were %s", after.threadNames(), baseline.threadNames())
			.isLessThanOrEqualTo(baseline.threads() + SLACK);
		assertThat(after.fds()).as("open file descriptors").isLessThanOrEqualTo(baseline.fds() + SLACK);
	}

}
