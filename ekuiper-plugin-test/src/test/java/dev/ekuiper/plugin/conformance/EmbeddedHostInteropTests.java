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
package dev.ekuiper.plugin.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.HostCommandException;
import dev.ekuiper.plugin.test.PluginProcess;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import dev.ekuiper.plugin.test.SourceTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link EmbeddedHost} runs the scenario of {@code ekuiperhost}
 * ({@link MangosHostInteropTests}) against the Java conformance plugin and the Python SDK
 * one, each launched as eKuiper launches it, so the same scenario runs on every host and
 * plugin pair. A few checks follow where the Java plugin behaves better than the Python
 * SDK.
 */
class EmbeddedHostInteropTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final int RECORDS = 5;

	@TempDir
	Path work;

	private ConformanceSubject subject;

	private EmbeddedHost host;

	@AfterEach
	void closeHostAndRemoveLeftovers() throws IOException {
		if (this.host != null) {
			this.host.close();
		}
		if (this.subject != null) {
			this.subject.removeLeftoverSocketFiles();
		}
	}

	@ParameterizedTest(name = "{0} plugin, requireAck {1}")
	@CsvSource({ "java, true", "java, false", "python, true", "python, false" })
	void embeddedHostScenarioPasses(String plugin, boolean ack) throws Exception {
		PluginProcess process = launch(plugin);
		String rule = this.subject.ruleId();

		FunctionConnection function = this.host.startFunction(this.subject.function());
		assertThat(function.call("IsAggregate", null)).isEqualTo(new FunctionResult(true, false));
		assertThat(function.validate(List.of(Map.of("Val", "abc")))).isEqualTo(new FunctionResult(true, ""));
		assertThat(function.exec(List.of("abc"), rule, "op1")).isEqualTo(new FunctionResult(true, "cba"));

		SourceConnection source = this.host.startSource("counter", rule, "demoStream", Map.of("datasource", "topic1"));
		for (int i = 0; i < RECORDS; i++) {
			SourceTuple tuple = source.next(WAIT);
			assertThat(tuple.message()).containsExactly(Map.entry("n", (double) i), Map.entry("text", "rec-" + i));
			assertThat(tuple.meta()).containsExactly(Map.entry("seq", (double) i));
		}
		source.stop();

		Path rows = this.work.resolve("rows.jsonl");
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("path", rows.toString());
		if (ack) {
			config.put("requireAck", true);
		}
		SinkConnection sink = this.host.startSink("collect", rule, "collect_0", config);
		List<String> expectedRows = new ArrayList<>();
		for (int i = 0; i < RECORDS; i++) {
			sink.sendRow(Map.of("n", i));
			expectedRows.add("{\"n\":" + i + "}");
			if (ack) {
				assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
			}
		}
		if (!ack) {
			assertThat(sink.pollAck(Duration.ofMillis(300))).isEmpty();
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(rows).exists());
		await().atMost(WAIT).until(() -> Files.readAllLines(rows).size() == RECORDS);
		assertThat(Files.readAllLines(rows)).containsExactlyElementsOf(expectedRows);
		sink.stop();

		process.kill();
		assertThat(process.awaitExit(WAIT)).isEqualTo(OptionalInt.of(128 + 9));
	}

	@Test
	void javaPluginAnswersBadCommandsWithShortErrorsWhereThePythonSdkSendsTracebacks() throws Exception {
		launch("java");
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSource("nosuchsource", this.subject.ruleId(), "demoStream", Map.of()))
			.satisfies((ex) -> assertThat(ex.answer()).isEqualTo("cannot start source 'nosuchsource' for rule '"
					+ this.subject.ruleId() + "': no such source in plugin '" + this.subject.pluginName() + "'"));
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(
					() -> this.host.startSource("counter", this.subject.ruleId(), "demoStream", Map.of("count", 2.5)))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("cannot start source 'counter' for rule '" + this.subject.ruleId() + "': configure failed: "
						+ "IllegalArgumentException: counter: count must be a non-negative integer, got 2.5"));
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSink("collect", this.subject.ruleId(), "collect_0", Map.of()))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("cannot start sink 'collect' for rule '" + this.subject.ruleId() + "': configure failed: "
						+ "IllegalArgumentException: collect: property 'path' is required"));
		SourceConnection source = this.host.startSource("counter", this.subject.ruleId(), "demoStream",
				Map.of("count", "2", "interval", 1.0));
		assertThat(source.next(WAIT).message()).containsEntry("n", 0.0);
		assertThat(source.next(WAIT).message()).containsEntry("n", 1.0);
	}

	@Test
	void javaPluginServesARepeatedStartFuncOnOneChannelWhereThePythonSdkGoesOffByOne() throws Exception {
		launch("java");
		FunctionConnection revert = this.host.startFunction(this.subject.function());
		assertThat(revert.exec(List.of("abc"), this.subject.ruleId(), "op1").result()).isEqualTo("cba");
		String again = "{\"cmd\":\"start\",\"arg\":\"{\\\"symbolName\\\":\\\"" + this.subject.function()
				+ "\\\",\\\"meta\\\":{\\\"ruleId\\\":\\\"\\\",\\\"opId\\\":\\\"\\\",\\\"instanceId\\\":0},"
				+ "\\\"pluginType\\\":\\\"func\\\"}\"}";
		assertThat(this.host.sendRawCommand(again)).isEqualTo("ok");
		assertThat(revert.exec(List.of("xyz"), this.subject.ruleId(), "op1").result()).isEqualTo("zyx");
		assertThat(revert.exec(List.of(List.of(1, 2)), this.subject.ruleId(), "op1").result()).isEqualTo("]2,1[");
		assertThat(revert.exec(Arrays.asList((Object) null), this.subject.ruleId(), "op1"))
			.isEqualTo(new FunctionResult(true, null));
	}

	private PluginProcess launch(String plugin) throws IOException {
		this.subject = ConformanceSubject.of(plugin, this.work);
		this.host = EmbeddedHost.builder(this.subject.pluginName())
			.replayOnHandshake(false)
			.initTimeout(WAIT)
			.commandTimeout(WAIT)
			.build();
		return this.host.launch(this.subject.command());
	}

}
