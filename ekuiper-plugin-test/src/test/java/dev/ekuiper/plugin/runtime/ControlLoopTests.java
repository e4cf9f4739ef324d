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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.nng.RepSocket;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import dev.ekuiper.plugin.test.SourceTuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control loop: handshake and keep-alive, start and stop of sources, sinks and
 * functions, a fresh instance per start, one function channel per symbol.
 */
class ControlLoopTests extends RuntimeTestSupport {

	@Test
	void handshakeThenSourceSinkAndFunctionStartServeAndStop() throws Exception {
		assertThat(this.host.status()).isEqualTo("running");
		await().atMost(WAIT).until(this.runtime::isConnected);

		SourceConnection source = this.host.startSource("probe", "rule1", "stream1", Map.of("count", 2));
		for (int i = 0; i < 2; i++) {
			SourceTuple tuple = source.next(WAIT);
			assertThat(tuple.message()).containsExactlyInAnyOrderEntriesOf(Map.of("i", (double) i, "instance", 1.0));
			assertThat(tuple.meta()).containsExactly(Map.entry("rule", "rule1"));
		}
		source.stop();
		assertThat(this.probes.sourcesClosed).hasValue(1);

		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		assertThat(socketFiles()).contains("rule1_probe_0_0.ipc");
		sink.sendRow(Map.of("a", 1));
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThat(this.probes.collected.poll(5, TimeUnit.SECONDS)).isEqualTo("1: [{\"a\":1}]");
		sink.stop();
		assertThat(this.probes.sinksClosed).hasValue(1);
		assertThat(socketFiles()).doesNotContain("rule1_probe_0_0.ipc");

		FunctionConnection revert = this.host.startFunction("revert");
		assertThat(revert.exec(List.of("abc"), "rule1", "op1")).isEqualTo(new FunctionResult(true, "cba"));
		assertThat(revert.isAggregate()).isFalse();
		assertThat(revert.validate(List.of(Map.of("Val", "abc")))).isEqualTo(new FunctionResult(true, ""));
		assertThat(revert.validate(List.of()))
			.isEqualTo(new FunctionResult(false, "revert expects exactly 1 argument, got 0"));

		assertThat(this.observer.answers).containsExactly("start source ok", "stop source ok", "start sink ok",
				"stop sink ok", "start func ok");
	}

	@Test
	void everyStartGetsAFreshInstanceAndARepeatedStartReplacesTheRunningOne() {
		SourceConnection first = this.host.startSource("probe", "rule1", "stream1", Map.of("count", 1));
		assertThat(first.next(WAIT).message()).containsEntry("instance", 1.0);
		first.stop();
		SourceConnection again = this.host.startSource("probe", "rule1", "stream1", Map.of("count", 1));
		assertThat(again.next(WAIT).message()).containsEntry("instance", 2.0);
		SourceConnection other = this.host.startSource("probe", "rule2", "stream1", Map.of("count", 1));
		assertThat(other.next(WAIT).message()).containsEntry("instance", 3.0);
		assertThat(this.runtime.status()).filteredOn((status) -> status.type() == PluginType.SOURCE)
			.singleElement()
			.satisfies((status) -> assertThat(status.running()).isEqualTo(2));

		// eKuiper starts a key again after a failed stop or on replay: the old instance
		// goes.
		assertThat(this.host.replay()).hasSize(2).allMatch((result) -> result.ok());
		assertThat(this.probes.sourcesCreated).hasValue(5);
		assertThat(this.probes.sourcesClosed).hasValue(3);
		assertThat(again.next(WAIT).message()).containsEntry("instance", 4.0);
		assertThat(other.next(WAIT).message()).containsEntry("instance", 5.0);

		SinkConnection sink1 = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		sink1.sendRow(Map.of("n", 1));
		assertThat(sink1.awaitAck(WAIT).isSuccess()).isTrue();
		sink1.stop();
		SinkConnection sink2 = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		sink2.sendRow(Map.of("n", 2));
		assertThat(sink2.awaitAck(WAIT).isSuccess()).isTrue();
		assertThat(this.probes.collected).containsExactly("1: [{\"n\":1}]", "2: [{\"n\":2}]");
	}

	@Test
	void functionChannelsAreDialedAtStartUpAndARepeatedStartFuncIsAnsweredOkWithoutASecondChannel() throws Exception {
		try (RepSocket rep = new RepSocket()) {
			rep.setReceiveTimeout(WAIT);
			rep.listen("ipc://" + this.sockets.resolve("func_probe.ipc"));
			// No start func was sent: the runtime dials every declared function by
			// itself.
			assertThat(text(rep.receive())).isEqualTo("handshake");
		}

		FunctionConnection revert = this.host.startFunction("revert");
		assertThat(revert.exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("cba");
		String startFunc = Commands.command("start", "func", "revert", "", "", null);
		assertThat(this.host.sendRawCommand(startFunc)).isEqualTo("ok");
		assertThat(this.host.sendRawCommand(startFunc)).isEqualTo("ok");
		// With a second channel, each call would get the previous call's result.
		assertThat(revert.exec(List.of("xyz"), "rule1", "op1").result()).isEqualTo("zyx");
		assertThat(revert.exec(List.of("123"), "rule1", "op1").result()).isEqualTo("321");
		assertThat(this.runtime.status()).filteredOn((status) -> status.name().equals("revert"))
			.singleElement()
			.satisfies((status) -> assertThat(status.running()).isEqualTo(1));
	}

	@Test
	void startFuncLongAfterStartUpConnectsAtOnceThoughTheDialBackOffHasGrown() throws Exception {
		// Nobody listens on func_revert for a while, so the dial back-off grows past 1.6
		// s.
		await().during(Duration.ofMillis(3_500)).atMost(WAIT.multipliedBy(2)).until(this.runtime::isRunning);
		FunctionConnection revert = this.host.startFunction("revert");
		long started = System.nanoTime();
		assertThat(revert.exec(List.of("late"), "rule1", "op1").result()).isEqualTo("etal");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));
	}

	@Test
	void idleChannelsSendTheHandshakeAgainAndKeepServing() throws Exception {
		try (RepSocket rep = new RepSocket()) {
			rep.setReceiveTimeout(WAIT);
			rep.listen("ipc://" + this.sockets.resolve("func_probe.ipc"));
			long first = System.nanoTime();
			assertThat(text(rep.receive())).isEqualTo("handshake");
			assertThat(text(rep.receive())).isEqualTo("handshake");
			long second = System.nanoTime();
			assertThat(text(rep.receive())).isEqualTo("handshake");
			long third = System.nanoTime();
			// The keep-alive is 500 ms; the plugin checks about twice a second.
			assertThat(Duration.ofNanos(third - second)).isBetween(Duration.ofMillis(400), Duration.ofMillis(2000));
			assertThat(Duration.ofNanos(second - first)).isLessThan(Duration.ofMillis(2000));
			// The stale handshakes are dropped by the host's rules; the latest one is
			// answered.
			rep.send("{\"func\":\"Exec\",\"arg\":[\"echo\",\"{}\"]}".getBytes(StandardCharsets.UTF_8));
			assertThat(text(rep.receive())).isEqualTo("{\"state\":true,\"result\":\"echo\"}");
		}
		// Idle past the 500 ms keep-alive, before and after the start.
		await().during(Duration.ofMillis(1_200)).atMost(WAIT).until(this.runtime::isConnected);
		FunctionConnection revert = this.host.startFunction("revert");
		await().during(Duration.ofMillis(1_200)).atMost(WAIT).until(this.runtime::isConnected);
		assertThat(revert.exec(List.of("idle"), "rule1", "op1").result()).isEqualTo("eldi");
		assertStillServing();
	}

	@Test
	void processArgumentSetsTheSendTimeout() {
		RuntimeSettings defaults = RuntimeSettings.defaults();
		assertThat(defaults.withProcessArgument("{\"sendTimeout\":1000}").sendTimeout())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(defaults.withProcessArgument("{\"sendTimeout\":250}").sendTimeout())
			.isEqualTo(Duration.ofMillis(250));
		assertThat(defaults.withProcessArgument("{\"sendTimeout\":250,\"other\":true}").sendTimeout())
			.isEqualTo(Duration.ofMillis(250));
		for (String ignored : new String[] { null, "", "nope", "{}", "[]", "{\"sendTimeout\":0}",
				"{\"sendTimeout\":-5}", "{\"sendTimeout\":\"fast\"}", "{\"sendTimeout\":1000" }) {
			assertThat(defaults.withSendTimeout(Duration.ofMillis(777)).withProcessArgument(ignored).sendTimeout())
				.as("argument %s", ignored)
				.isEqualTo(Duration.ofMillis(777));
		}
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
