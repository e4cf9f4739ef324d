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
package dev.ekuiper.plugin.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.ekuiper.plugin.test.DevModeScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DevScenarios}: what the dev goal runs, from the plugin's descriptor,
 * the build's properties or the project's scenario file.
 */
class DevScenariosTests {

	@TempDir
	Path project;

	@Test
	void withoutPropertiesTheFirstSourceFunctionAndSinkRun() throws Exception {
		DevModeScenario scenario = DevScenarios.fromSymbols(Descriptors.sam(), null, null, null, 0, null);
		DevModeScenario.Rule rule = scenario.rules().get(0);
		assertThat(scenario.streams().get(rule.stream()).source()).isEqualTo("pyjson");
		assertThat(rule.function()).isEqualTo("revert");
		assertThat(rule.sink()).isEqualTo("print");
		assertThat(rule.properties()).containsEntry("requireAck", true);
	}

	@Test
	void propertiesNameTheSymbolsTheArgumentsAndTheWindow() throws Exception {
		DevModeScenario scenario = DevScenarios.fromSymbols(Descriptors.sam(), "pyjson", "revert", " name, value ", 4,
				"none");
		DevModeScenario.Rule rule = scenario.rules().get(0);
		assertThat(rule.args()).containsExactly("name", "value");
		assertThat(rule.windowOrDefault()).isEqualTo(4);
		assertThat(rule.sink()).isNull();
	}

	@Test
	void aSymbolThePluginLacksIsRefusedWithTheOnesItHas() {
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> DevScenarios.fromSymbols(Descriptors.sam(), null, "c2f", null, 0, null))
			.withMessage("The plugin has no function 'c2f' (named in the build's properties); its functions: revert");
	}

	@Test
	void aPluginWithoutASourceCannotRun() {
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(
					() -> DevScenarios.fromSymbols(Descriptors.functionOnly("calc", "add"), null, null, null, 0, null))
			.withMessageStartingWith("The plugin 'calc' has no source to run");
	}

	@Test
	void theProjectsYamlScenarioIsFoundAndRead() throws Exception {
		Path file = write("src/dev/ekuiper-dev.yaml", """
				streams:
				  demo:
				    source: pyjson
				    properties: {period: 100, name: "a \\"quoted\\" name"}
				rules:
				  - id: reverted
				    stream: demo
				    function: revert
				    args: [name]
				    window: 2
				    sink: print
				    properties: {prefix: "> ", requireAck: false}
				  - id: raw
				    stream: demo
				""");
		assertThat(DevScenarios.scenarioFile(this.project, null)).isEqualTo(file);
		DevModeScenario scenario = DevScenarios.read(file, Descriptors.sam());
		assertThat(scenario.streams().get("demo").properties())
			.isEqualTo(Map.of("period", 100, "name", "a \"quoted\" name"));
		DevModeScenario.Rule reverted = scenario.rules().get(0);
		assertThat(reverted.args()).containsExactly("name");
		assertThat(reverted.window()).isEqualTo(2);
		assertThat(reverted.properties()).isEqualTo(Map.of("prefix", "> ", "requireAck", false));
		DevModeScenario.Rule raw = scenario.rules().get(1);
		assertThat(raw.function()).isNull();
		assertThat(raw.sink()).isNull();
	}

	@Test
	void aJsonScenarioIsReadToo() throws Exception {
		Path file = write("src/dev/ekuiper-dev.json", """
				{"streams": {"s": {"source": "pyjson"}}, "rules": [{"id": "r", "stream": "s", "sink": "print"}]}
				""");
		assertThat(DevScenarios.scenarioFile(this.project, null)).isEqualTo(file);
		assertThat(DevScenarios.read(file, Descriptors.sam()).rules()).extracting(DevModeScenario.Rule::sink)
			.containsExactly("print");
	}

	@Test
	void aMisspelledKeyIsNamed() throws Exception {
		Path file = write("dev.yaml", """
				streams: {s: {source: pyjson}}
				rules: [{id: r, stream: s, fucntion: revert}]
				""");
		assertThatExceptionOfType(PackagingException.class).isThrownBy(() -> DevScenarios.read(file, Descriptors.sam()))
			.withMessageContaining("Invalid dev mode scenario " + file)
			.withMessageContaining("fucntion");
	}

	@Test
	void aRuleOverAnUndeclaredStreamIsRefused() throws Exception {
		Path file = write("dev.yaml", """
				streams: {s: {source: pyjson}}
				rules: [{id: r, stream: t}]
				""");
		assertThatExceptionOfType(PackagingException.class).isThrownBy(() -> DevScenarios.read(file, Descriptors.sam()))
			.withMessage("Invalid dev mode scenario " + file
					+ ": Rule 'r' reads the stream 't', which is not declared; streams: [s]");
	}

	@Test
	void aScenarioSymbolThePluginLacksIsRefused() throws Exception {
		Path file = write("dev.yaml", """
				streams: {s: {source: pyjson}}
				rules: [{id: r, stream: s, sink: log}]
				""");
		assertThatExceptionOfType(PackagingException.class).isThrownBy(() -> DevScenarios.read(file, Descriptors.sam()))
			.withMessage("The plugin has no sink 'log' (named in " + file + "); its sinks: print");
	}

	@Test
	void aConfiguredScenarioMustExist() throws Exception {
		assertThat(DevScenarios.scenarioFile(this.project, null)).isNull();
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> DevScenarios.scenarioFile(this.project, new File("src/dev/other.yaml")))
			.withMessage("No dev mode scenario at " + this.project.resolve("src/dev/other.yaml"));
	}

	private Path write(String path, String content) throws Exception {
		Path file = this.project.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
		return file;
	}

}
