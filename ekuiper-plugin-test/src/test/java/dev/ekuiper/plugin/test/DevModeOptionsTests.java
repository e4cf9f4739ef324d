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
package dev.ekuiper.plugin.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DevModeOptions} and {@link DevModeScenario}: the command line, the
 * scenario file and their refusals.
 */
class DevModeOptionsTests {

	@TempDir
	Path temp;

	private Path jar;

	@BeforeEach
	void jar() throws Exception {
		this.jar = Files.writeString(this.temp.resolve("plugin.jar"), "jar");
	}

	@Test
	void symbolsOnTheCommandLineMakeOneRule() {
		DevModeOptions options = DevModeOptions.parse("--jar", this.jar.toString(), "--plugin", "demo", "--source",
				"sensor", "--function", "stats", "--args", "temperature, humidity", "--window", "3", "--records", "9",
				"--duration", "500ms", "--jvm-arg", "-Xmx64m");
		DevModeScenario.Rule rule = options.scenario().rules().get(0);
		assertThat(options.scenario().streams().get(rule.stream()).source()).isEqualTo("sensor");
		assertThat(rule.function()).isEqualTo("stats");
		assertThat(rule.args()).containsExactly("temperature", "humidity");
		assertThat(rule.windowOrDefault()).isEqualTo(3);
		assertThat(rule.sink()).isNull();
		assertThat(options.records()).isEqualTo(9);
		assertThat(options.duration()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.initTimeout()).isEqualTo(DevModeOptions.DEFAULT_INIT_TIMEOUT);
		assertThat(options.jvmArguments()).containsExactly("-Xmx64m");
	}

	@Test
	void aScenarioFileSaysWhatRuns() throws Exception {
		Path file = Files.writeString(this.temp.resolve("dev.json"), """
				{"streams": {"s": {"source": "sensor", "properties": {"period": 20}}},
				 "rules": [{"id": "r", "stream": "s", "sink": "print", "properties": {"requireAck": false}}]}
				""");
		DevModeOptions options = DevModeOptions.parse("--jar", this.jar.toString(), "--plugin", "demo", "--scenario",
				file.toString());
		assertThat(options.scenario().streams().get("s").properties()).containsEntry("period", 20);
		assertThat(options.scenario().rules().get(0).properties()).containsEntry("requireAck", false);
	}

	@Test
	void aScenarioFileAndSymbolsAreRefusedTogether() throws Exception {
		Path file = Files.writeString(this.temp.resolve("dev.json"), "{}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DevModeOptions.parse("--jar", this.jar.toString(), "--plugin", "demo", "--scenario",
					file.toString(), "--sink", "print"))
			.withMessage("Option --sink goes in the scenario file " + file);
	}

	@Test
	void helpAsksForTheUsageOnly() {
		assertThat(DevModeOptions.parse("--help")).isNull();
	}

	@Test
	void badOptionsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> DevModeOptions.parse("--source-config", "{}"))
			.withMessage("Unknown option '--source-config'");
		assertThatIllegalArgumentException().isThrownBy(() -> DevModeOptions.parse("--jar", this.jar.toString()))
			.withMessage("Option --plugin is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DevModeOptions.parse("--jar", this.temp.resolve("none.jar").toString(), "--plugin", "p",
					"--source", "s"))
			.withMessageStartingWith("No plugin jar at ");
		assertThatIllegalArgumentException().isThrownBy(() -> DevModeOptions.duration("--duration", "10 parsecs"))
			.withMessage("Option --duration needs a duration such as 30s, got 10 parsecs");
		assertThatIllegalArgumentException().isThrownBy(() -> DevModeOptions.duration("--duration", "0s"))
			.withMessage("Option --duration needs a duration such as 30s, got 0s");
	}

	@Test
	void scenariosAreCheckedWhenMade() {
		assertThatIllegalArgumentException().isThrownBy(() -> DevModeScenario.from(Map.of("streams", Map.of()), "here"))
			.withMessage("Invalid dev mode scenario here: A dev mode scenario needs at least one rule");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DevModeScenario.Rule("r", "s", null, null, -1, null, null))
			.withMessage("Rule 'r' has a negative window: -1");
		assertThatIllegalArgumentException().isThrownBy(() -> DevModeScenario
			.from(Map.of("streams", Map.of("s", Map.of()), "rules", List.of(Map.of("id", "r", "stream", "s"))), "here"))
			.withMessage("Invalid dev mode scenario here: Stream 's' needs a source");
	}

}
