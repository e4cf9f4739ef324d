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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.HostCommandException;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import dev.ekuiper.plugin.test.SourceTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A symbol that throws or hangs in configure, open, collect, exec or close: the host gets
 * an error answer (an error ack, {@code state:false}) in bounded time, and the plugin
 * goes on serving. The set-up and function timeouts are 500 ms, the stop timeout 1 s.
 */
class SymbolFailureTests extends RuntimeTestSupport {

	private static final Duration PROMPT = Duration.ofMillis(1500);

	@ParameterizedTest(name = "{0} {1} in {2}")
	@CsvSource({
			"source, failIn, configure, cannot start source 'probe' for rule 'rule1': configure failed: "
					+ "IllegalStateException: probe source failed in configure",
			"source, hangIn, configure, cannot start source 'probe' for rule 'rule1': configure timed out after 500 ms",
			"sink, failIn, configure, cannot start sink 'probe' for rule 'rule1': configure failed: "
					+ "IllegalStateException: probe sink failed in configure",
			"sink, hangIn, configure, cannot start sink 'probe' for rule 'rule1': configure timed out after 500 ms",
			"sink, failIn, open, cannot start sink 'probe' for rule 'rule1': open failed: "
					+ "IllegalStateException: probe sink failed in open",
			"sink, hangIn, open, cannot start sink 'probe' for rule 'rule1': open timed out after 500 ms" })
	void failingOrHangingSetUpIsAnsweredWithAnErrorInTime(String type, String how, String step, String expected)
			throws Exception {
		long started = System.nanoTime();
		assertThatExceptionOfType(HostCommandException.class).isThrownBy(() -> {
			if (type.equals("source")) {
				this.host.startSource("probe", "rule1", "s", Map.of(how, step));
			}
			else {
				this.host.startSink("probe", "rule1", "probe_0", Map.of(how, step, "requireAck", true));
			}
		}).satisfies((ex) -> {
			assertThat(ex.answer()).isEqualTo(expected);
			BadInputTests.assertSafeError(ex.answer());
		});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
		assertThat(socketFiles()).as("nothing left listening").containsOnly("plugin_probes.ipc");
		PluginType kind = type.equals("source") ? PluginType.SOURCE : PluginType.SINK;
		assertThat(this.runtime.status()).filteredOn((status) -> status.type() == kind)
			.singleElement()
			.satisfies((status) -> {
				assertThat(status.running()).isZero();
				assertThat(status.lastError()).isEqualTo(expected);
			});
		assertStillServing();
	}

	@Test
	void sourceThatThrowsInOpenIsReportedAsASourceErrorAndStopsCleanly() {
		SourceConnection source = this.host.startSource("probe", "rule1", "s", Map.of("failIn", "open"));
		SourceTuple tuple = source.next(WAIT);
		assertThat(tuple.isValid()).isFalse();
		assertThat(tuple.rawText())
			.isEqualTo("source error: source 'probe': IllegalStateException: probe source failed in open");
		assertThat(tuple.decodeError()).startsWith(
				"Invalid data format, cannot decode source error: source 'probe': IllegalStateException: probe source");
		assertThat(this.runtime.status()).filteredOn((status) -> status.type() == PluginType.SOURCE)
			.singleElement()
			.satisfies((status) -> assertThat(status.lastError())
				.isEqualTo("source 'probe': IllegalStateException: probe source failed in open"));
		source.stop();
		assertStillServing();
	}

	@Test
	void sourceThatHangsInOpenOrCloseIsStoppedInTime() {
		SourceConnection blocked = this.host.startSource("probe", "rule1", "s", Map.of("hangIn", "open"));
		long started = System.nanoTime();
		blocked.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);

		SourceConnection stubborn = this.host.startSource("probe", "rule2", "s", Map.of("hangIn", "close", "count", 1));
		assertThat(stubborn.next(WAIT).isValid()).isTrue();
		started = System.nanoTime();
		stubborn.stop();
		// The close is given the stop timeout (1 s), then abandoned.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
		assertStillServing();
	}

	@Test
	void sinkThatThrowsInCollectWithoutAcksKeepsServing() throws Exception {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("failIn", "collect"));
		sink.sendRow(Map.of("n", 1));
		sink.sendRow(Map.of("n", 2));
		assertThat(sink.pollAck(Duration.ofMillis(600))).as("no ack without requireAck").isEmpty();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.runtime.status()).filteredOn((s) -> s.type() == PluginType.SINK)
				.singleElement()
				.satisfies((status) -> assertThat(status.lastError())
					.isEqualTo("sink 'probe': IllegalStateException: hard disk full")));
		sink.stop();
		assertStillServing();
	}

	@Test
	void sinkThatHangsInCollectIsAckedWithAnErrorAndTheNextMessageIsCollected() throws Exception {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0",
				Map.of("hangIn", "collect", "requireAck", true));
		long started = System.nanoTime();
		sink.sendRow(Map.of("do", "hang"));
		assertThat(sink.awaitAck(WAIT).rawText())
			.isEqualTo("{\"error\":\"sink 'probe': collect timed out after 500 ms\"}");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
		// The hung collect was interrupted; once it has returned the sink is free again.
		awaitNoStuckCollect();
		sink.sendRow(Map.of("do", "work"));
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThat(this.probes.collected).containsExactly("1: [{\"do\":\"work\"}]");
		sink.stop();
		assertStillServing();
	}

	@Test
	void sinkStuckInCollectAcksEveryMessageWithAnErrorUntilItReturns() throws Exception {
		SinkConnection sink = sinkStuckInCollect();
		long started = System.nanoTime();
		sink.sendRow(Map.of("do", "next"));
		assertThat(sink.awaitAck(WAIT).rawText())
			.isEqualTo("{\"error\":\"sink 'probe': still busy with an earlier message that took longer than 500 ms\"}");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at once")
			.isLessThan(Duration.ofMillis(400));
		this.probes.unstick.countDown();
		assertThat(this.probes.collected.poll(5, TimeUnit.SECONDS)).isEqualTo("1: [{\"do\":\"stuck\"}]");
		awaitNoStuckCollect();
		sink.sendRow(Map.of("do", "again"));
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThat(this.probes.collected.poll(5, TimeUnit.SECONDS)).isEqualTo("1: [{\"do\":\"again\"}]");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.acks).containsExactly(false, false, true));
		sink.stop();
		assertStillServing();
	}

	@Test
	void sinkStoppedWhileACollectOverrunsStopsInTimeAndClosesOnce() throws Exception {
		SinkConnection sink = sinkStuckInCollect();
		long started = System.nanoTime();
		sink.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.probes.sinksClosed).hasValue(1));
		this.probes.unstick.countDown();
		assertThat(this.probes.collected.poll(5, TimeUnit.SECONDS)).isEqualTo("1: [{\"do\":\"stuck\"}]");
		await().during(Duration.ofMillis(200))
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(this.probes.sinksClosed).as("the late collect's thread closes nothing")
				.hasValue(1));
		assertStillServing();
	}

	@Test
	void sinkThatHangsInCloseIsStoppedInTime() {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("hangIn", "close"));
		long started = System.nanoTime();
		sink.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
		assertStillServing();
	}

	@Test
	void functionThatHangsIsAnsweredStateFalseAndTheNextCallIsServed() {
		FunctionConnection probe = this.host.startFunction("probe");
		long started = System.nanoTime();
		assertThat(probe.exec(List.of("hang"), "rule1", "op1"))
			.isEqualTo(new FunctionResult(false, "function 'probe': Exec timed out after 500 ms"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
		started = System.nanoTime();
		assertThat(probe.exec(List.of("echo"), "rule1", "op1")).isEqualTo(new FunctionResult(true, "echo"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
		assertThat(probe.exec(List.of("hang"), "rule1", "op1").state()).isFalse();
		assertThat(probe.isAggregate()).isFalse();
		assertStillServing();
	}

	@Test
	void functionThatThrowsAnErrorIsAnsweredAndKeepsServing() {
		FunctionConnection probe = this.host.startFunction("probe");
		FunctionResult reply = probe.exec(List.of("error"), "rule1", "op1");
		assertThat(reply.state()).isFalse();
		assertThat(reply.result()).asString().isEqualTo("function 'probe': AssertionError: broken invariant");
		assertThat(probe.exec(List.of("echo"), "rule1", "op1")).isEqualTo(new FunctionResult(true, "echo"));
		assertStillServing();
	}

	@Test
	void answerOfAFunctionThatReturnsAfterItsTimeoutIsDropped() throws Exception {
		FunctionConnection probe = this.host.startFunction("probe");
		assertThat(probe.exec(List.of("late"), "rule1", "op1"))
			.isEqualTo(new FunctionResult(false, "function 'probe': Exec timed out after 500 ms"));
		assertThat(probe.exec(List.of("first"), "rule1", "op1")).isEqualTo(new FunctionResult(true, "first"));
		// The late answer comes while the plugin keeps serving; it must not be taken for
		// a later one.
		await().during(Duration.ofMillis(800)).atMost(WAIT).until(this.runtime::isRunning);
		for (String value : List.of("second", "third")) {
			assertThat(probe.exec(List.of(value), "rule1", "op1")).as("not the late answer")
				.isEqualTo(new FunctionResult(true, value));
		}
		assertStillServing();
	}

	/**
	 * Starts an acked probe sink and sends it a message it collects until unstuck; the
	 * timeout ack is in.
	 */
	/**
	 * Waits until no collect runs past its timeout any more: the late collect has
	 * returned, and the sink takes messages again.
	 */
	private void awaitNoStuckCollect() {
		await().atMost(WAIT).until(() -> this.runtime.faults(Duration.ofHours(1), Duration.ZERO).isEmpty());
	}

	private SinkConnection sinkStuckInCollect() {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0",
				Map.of("hangIn", "collect", "requireAck", true));
		sink.sendRow(Map.of("do", "stuck"));
		assertThat(sink.awaitAck(WAIT).rawText())
			.isEqualTo("{\"error\":\"sink 'probe': collect timed out after 500 ms\"}");
		return sink;
	}

}
