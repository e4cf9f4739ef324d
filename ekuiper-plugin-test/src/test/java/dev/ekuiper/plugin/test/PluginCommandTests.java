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
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PluginCommand}.
 */
class PluginCommandTests {

	private static final String ARGUMENT = "{\"sendTimeout\":1000}";

	@TempDir
	Path plugins;

	@Test
	void goPluginRunsTheExecutableByAbsolutePathWithOneArgument() {
		Path executable = this.plugins.resolve("demo/demo");
		PluginCommand command = PluginCommand.go(executable);
		assertThat(command.command()).containsExactly(executable.toString(), ARGUMENT);
		assertThat(command.workingDirectory()).isEqualTo(this.plugins.resolve("demo"));
	}

	@Test
	void pythonPluginRunsUnbufferedUnderTheInterpreter() {
		Path script = this.plugins.resolve("demo/main.py");
		PluginCommand command = PluginCommand.python("python3", script);
		assertThat(command.command()).containsExactly("python3", "-u", script.toString(), ARGUMENT);
		assertThat(command.workingDirectory()).isEqualTo(this.plugins.resolve("demo"));
	}

	@Test
	void installedFolderIsRunAsItsDescriptorSays() throws Exception {
		Path folder = descriptor("demo", "{\"language\":\"python\",\"executable\":\"main.py\",\"sources\":[\"s\"]}");
		assertThat(PluginCommand.installed(folder, "python3").command()).containsExactly("python3", "-u",
				folder.resolve("main.py").toString(), ARGUMENT);
		Path goFolder = descriptor("godemo", "{\"language\":\"go\",\"executable\":\"bin/launch\"}");
		assertThat(PluginCommand.installed(goFolder, "python3")).isEqualTo(new PluginCommand(
				List.of(goFolder.resolve("bin/launch").toString(), ARGUMENT), goFolder.resolve("bin")));
	}

	@Test
	void condaEnvironmentRunsThroughCondaAndOtherEnvironmentTypesAreRejected() throws Exception {
		Path folder = descriptor("conda",
				"{\"language\":\"python\",\"executable\":\"main.py\",\"virtualEnvType\":\"conda\",\"env\":\"py311\"}");
		assertThat(PluginCommand.installed(folder, "python").command()).containsExactly("conda", "run", "-n", "py311",
				"python", folder.resolve("main.py").toString(), ARGUMENT);
		Path venv = descriptor("venv",
				"{\"language\":\"python\",\"executable\":\"main.py\",\"virtualEnvType\":\"venv\"}");
		assertThatExceptionOfType(HostException.class).isThrownBy(() -> PluginCommand.installed(venv, "python"))
			.withMessage("unsupported virtual type: venv");
	}

	@Test
	void unsupportedLanguageIsRejected() throws Exception {
		Path folder = descriptor("jvm", "{\"language\":\"java\",\"executable\":\"run.sh\"}");
		assertThatExceptionOfType(HostException.class).isThrownBy(() -> PluginCommand.installed(folder, "python"))
			.withMessage("unsupported language: java");
	}

	private Path descriptor(String name, String json) throws Exception {
		Path folder = Files.createDirectories(this.plugins.resolve(name));
		Files.writeString(folder.resolve(name + ".json"), json);
		return folder;
	}

}
