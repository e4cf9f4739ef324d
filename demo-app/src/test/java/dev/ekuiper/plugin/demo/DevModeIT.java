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
package dev.ekuiper.plugin.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.demo.packaging.BuiltFiles;
import dev.ekuiper.plugin.test.DevMode;
import dev.ekuiper.plugin.test.DevModeOptions;
import dev.ekuiper.plugin.test.DevModeScenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs {@link DevMode} against the demo's fat jar, built in the package phase: records
 * flow from the source through the function to the sink and come out as JSON lines, and
 * an aggregate function is called on windows of rows.
 */
class DevModeIT {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@TempDir
	Path directory;

	private Path jar;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@BeforeEach
	void locateJar() {
		this.jar = BuiltFiles.jar();
	}

	@Test
	void sensorRecordsFlowThroughC2fToTheFile() throws Exception {
		Path file = this.directory.resolve("rows.jsonl");
		DevModeScenario scenario = new DevModeScenario(
				Map.of("readings",
						new DevModeScenario.Stream("sensor", Map.of("period", 50, "sensors", List.of("a", "b")))),
				List.of(new DevModeScenario.Rule("fahrenheit", "readings", "c2f", List.of("temperature"), 0, "jsonfile",
						Map.of("path", file.toString()))));
		List<JsonNode> lines = run(scenario, 4);
		assertThat(lines).hasSize(4).allSatisfy((line) -> {
			JsonNode source = line.get("source");
			assertThat(source.get("sensorId").asString()).isIn("a", "b");
			double fahrenheit = source.get("temperature").asDouble() * 9 / 5 + 32;
			assertThat(line.get("function").asDouble()).isCloseTo(fahrenheit, within(0.01));
			assertThat(line.get("ack").toString()).isEqualTo("{}");
		});
		List<String> rows = Files.readAllLines(file);
		assertThat(rows).hasSize(4);
		assertThat(this.jsonMapper.readTree(rows.get(0)).has("c2f")).isTrue();
		assertThat(log()).contains("Dev mode: summary: 4 record(s) printed, 0 error(s)",
				"rule 'fahrenheit': sensor 4 record(s), 0 error(s); c2f 4 call(s), 0 error(s); jsonfile 4 ack(s), "
						+ "0 error(s)");
	}

	@Test
	void pysamSymbolsRunLikeThePythonExample() {
		List<JsonNode> lines = run(DevModeScenario.of("pyjson", "revert", List.of("name"), 0, "print"), 2);
		JsonNode expected = this.jsonMapper
			.readTree("{\"source\":{\"name\":\"pyjson\",\"value\":2021},\"function\":\"nosjyp\",\"ack\":{}}");
		assertThat(lines).containsExactly(expected, expected);
	}

	@Test
	void anAggregateFunctionGetsAWindowOfRowsWithAListPerArgumentBesideAScalarRule() {
		DevModeScenario.Rule aggregate = new DevModeScenario.Rule("stats", "readings", "stats", List.of("temperature"),
				3, "print", null);
		DevModeScenario.Rule scalar = new DevModeScenario.Rule("fahrenheit", "readings", "c2f", List.of("temperature"),
				0, null, null);
		DevModeScenario scenario = new DevModeScenario(
				Map.of("readings", new DevModeScenario.Stream("sensor", Map.of("period", 20))),
				List.of(aggregate, scalar));
		List<JsonNode> lines = run(scenario, 6);
		assertThat(lines).extracting((line) -> line.get("rule").asString()).contains("stats", "fahrenheit");
		assertThat(lines).filteredOn((line) -> line.get("rule").asString().equals("fahrenheit"))
			.allSatisfy((line) -> assertThat(line.has("window")).isFalse());
		assertThat(lines).filteredOn((line) -> line.get("rule").asString().equals("stats")).allSatisfy((line) -> {
			List<Double> temperatures = line.get("window")
				.valueStream()
				.map((row) -> row.get("temperature").asDouble())
				.toList();
			assertThat(temperatures).hasSize(3);
			JsonNode stats = line.get("function");
			assertThat(stats.get("count").asInt()).isEqualTo(3);
			assertThat(stats.get("min").asDouble()).isEqualTo(Collections.min(temperatures));
			assertThat(stats.get("max").asDouble()).isEqualTo(Collections.max(temperatures));
			assertThat(line.get("ack").toString()).isEqualTo("{}");
		});
		assertThat(log()).contains("GROUP BY CountWindow(3)", "0 error(s); stats ");
	}

	@Test
	void aFunctionThatRefusesItsArgumentsFailsTheRunWithItsMessage() {
		DevModeOptions options = new DevModeOptions(this.jar, "demo",
				DevModeScenario.of("sensor", "c2f", List.of(), 0, null), 1, null, null, null);
		int code = DevMode.run(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(this.output, true, StandardCharsets.UTF_8));
		assertThat(code).isEqualTo(1);
		assertThat(log()).contains("Dev mode: failed: validate c2f() failed: ",
				"; name the record fields it takes as the rule's args");
	}

	private List<JsonNode> run(DevModeScenario scenario, long records) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DevModeOptions options = new DevModeOptions(this.jar, "demo", scenario, records, null, null, null);
		int code = DevMode.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(this.output, true, StandardCharsets.UTF_8));
		assertThat(code).as(log()).isZero();
		return out.toString(StandardCharsets.UTF_8).lines().map(this.jsonMapper::readTree).toList();
	}

	private String log() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

}
