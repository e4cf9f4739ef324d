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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.protocol.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code ekuiperhost}, the mangos emulation of eKuiper's host in {@code interop/mangos},
 * launches a conformance plugin exactly as eKuiper does and runs its scenario: handshake,
 * function calls, a source, a sink with and without acks, then SIGKILL. The Java plugin
 * built on this runtime must pass it just as the official Python SDK plugin does, and
 * also with acks that its sink defers to a writer thread.
 */
class MangosHostInteropTests {

	private static final long HOST_TIMEOUT_MILLIS = 90_000;

	private static final int RECORDS = 5;

	@TempDir
	Path work;

	private ConformanceSubject subject;

	@AfterEach
	void removeLeftovers() throws IOException {
		if (this.subject != null) {
			this.subject.removeLeftoverSocketFiles();
		}
	}

	@ParameterizedTest(name = "{0} plugin, requireAck {1}, deferred acks {2}")
	@CsvSource({ "java, true, false", "java, false, false", "java, true, true", "python, true, false",
			"python, false, false" })
	void ekuiperhostScenarioPasses(String plugin, boolean ack, boolean deferred) throws Exception {
		Path ekuiperhost = InteropPeers.ekuiperhost();
		this.subject = ConformanceSubject.of(plugin, this.work);
		Path rows = this.work.resolve("rows.jsonl");
		List<String> command = new ArrayList<>(List.of(ekuiperhost.toString(), "--plugin", this.subject.pluginName()));
		command.addAll(this.subject.hostFlags());
		command.addAll(List.of("--func", this.subject.function(), "--source", "counter", "--sink", "collect",
				"--records", String.valueOf(RECORDS), "--rule", this.subject.ruleId(), "--sink-config",
				Json.mapper().writeValueAsString(sinkConfig(rows, deferred)), "--init-timeout", "30000", "--timeout",
				String.valueOf(HOST_TIMEOUT_MILLIS)));
		if (ack) {
			command.add("--ack");
		}
		Path steps = this.work.resolve("steps.jsonl");
		Path log = this.work.resolve("host.log");
		Process host = new ProcessBuilder(command).redirectOutput(steps.toFile()).redirectError(log.toFile()).start();
		if (!host.waitFor(HOST_TIMEOUT_MILLIS + 10_000, TimeUnit.MILLISECONDS)) {
			host.destroyForcibly();
			fail("ekuiperhost did not finish; its output:\n" + Files.readString(steps) + Files.readString(log));
		}
		List<JsonNode> lines = new ArrayList<>();
		for (String line : Files.readAllLines(steps, StandardCharsets.UTF_8)) {
			lines.add(Json.mapper().readTree(line));
		}
		assertThat(host.exitValue())
			.as("ekuiperhost exit code; steps:\n%s\nplugin output:\n%s", Files.readString(steps), Files.readString(log))
			.isZero();

		List<String> expectedSteps = new ArrayList<>(List.of("control.listen", "launch", "handshake", "func.start",
				"func.IsAggregate", "func.Validate", "func.Exec", "source.start"));
		for (int i = 0; i < RECORDS; i++) {
			expectedSteps.add("source.message");
		}
		expectedSteps.addAll(List.of("source.stop", "sink.start", "sink.dial"));
		for (int i = 0; i < RECORDS; i++) {
			expectedSteps.add("sink.send");
		}
		expectedSteps.addAll(List.of("sink.stop", "kill", "summary"));
		assertThat(lines).extracting((line) -> line.get("step").asString()).containsExactlyElementsOf(expectedSteps);
		assertThat(lines).allSatisfy((line) -> assertThat(line.get("ok").asBoolean()).as(line.toString()).isTrue());

		assertThat(step(lines, "handshake").get(0).get("message").asString()).isEqualTo("handshake");
		assertThat(step(lines, "func.IsAggregate").get(0).get("reply"))
			.isEqualTo(json("{\"state\":true,\"result\":false}"));
		assertThat(step(lines, "func.Exec").get(0).get("result").asString()).isEqualTo("cba");
		List<JsonNode> messages = step(lines, "source.message");
		for (int i = 0; i < RECORDS; i++) {
			assertThat(messages.get(i).get("data")).isEqualTo(
					json("{\"message\":{\"n\":" + i + ",\"text\":\"rec-" + i + "\"},\"meta\":{\"seq\":" + i + "}}"));
		}
		for (JsonNode send : step(lines, "sink.send")) {
			assertThat(send.has("ack")).isEqualTo(ack);
			if (ack) {
				assertThat(send.get("ack")).isEqualTo(json("{}"));
			}
		}
		for (String stepName : List.of("func.start", "source.start", "source.stop", "sink.start", "sink.stop")) {
			assertThat(step(lines, stepName).get(0).get("answer").asString()).as(stepName).isEqualTo("ok");
		}
		JsonNode summary = step(lines, "summary").get(0);
		assertThat(summary.get("passed").asInt()).isEqualTo(expectedSteps.size() - 1);
		assertThat(summary.get("failed").asInt()).isZero();

		List<String> expectedRows = new ArrayList<>();
		for (int i = 0; i < RECORDS; i++) {
			expectedRows.add("{\"n\":" + i + "}");
		}
		assertThat(Files.readAllLines(rows)).containsExactlyElementsOf(expectedRows);
	}

	private static Map<String, Object> sinkConfig(Path rows, boolean deferred) {
		return deferred ? Map.of("path", rows.toString(), "deferAck", true) : Map.of("path", rows.toString());
	}

	private static List<JsonNode> step(List<JsonNode> lines, String name) {
		return lines.stream().filter((line) -> line.get("step").asString().equals(name)).toList();
	}

	private static JsonNode json(String text) {
		return Json.mapper().readTree(text);
	}

}
