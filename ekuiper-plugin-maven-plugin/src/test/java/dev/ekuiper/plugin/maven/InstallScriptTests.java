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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code install.sh} of {@link LauncherScripts}, run against a stand-in
 * {@code java} that extracts and trains the way a JDK would.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class InstallScriptTests {

	private static final String FAKE_JAVA = """
			#!/bin/sh
			printf '%s\\n' "$*" >>"$FAKE_JAVA_LOG"
			for arg in "$@"; do
				case $arg in
					-Djarmode=tools) extract=yes ;;
					-XX:AOTCacheOutput=*) aot=${arg#*=} ;;
					-XX:ArchiveClassesAtExit=*) cds=${arg#*=} ;;
				esac
				last=$arg
			done
			if [ -n "$extract" ]; then
				if [ -n "$FAKE_EXTRACT_FAILS" ]; then echo "not a Spring Boot jar" >&2; exit 1; fi
				mkdir -p "$last/lib" && echo thin >"$last/sam.jar"
				exit 0
			fi
			if [ -n "$FAKE_TRAINING_SLEEPS" ]; then exec sleep "$FAKE_TRAINING_SLEEPS"; fi
			if [ -n "$aot" ]; then
				if [ -z "$FAKE_AOT" ]; then echo "Unrecognized VM option 'AOTCacheOutput'" >&2; exit 1; fi
				echo aot >"$aot"
			fi
			if [ -n "$cds" ]; then echo cds >"$cds"; fi
			exit 0
			""";

	@TempDir
	Path temp;

	private Path pluginDir;

	private Path java;

	private Path javaLog;

	@BeforeEach
	void writePlugin() throws Exception {
		this.temp = this.temp.toRealPath();
		this.pluginDir = Files.createDirectories(this.temp.resolve("plugins/portable/sam"));
		LauncherScripts scripts = new LauncherScripts("sam", "-Xmx96m -XX:+UseSerialGC");
		Files.write(this.pluginDir.resolve("install.sh"), scripts.installScript());
		Files.writeString(this.pluginDir.resolve("sam.jar"), "fat jar");
		this.java = Scripts.executable(this.temp.resolve("jdk/bin/java"), FAKE_JAVA);
		this.javaLog = this.temp.resolve("java.log");
	}

	@Test
	void installOnJava17ShouldExtractAndTrainACdsArchive() throws Exception {
		Scripts.Result result = install(Map.of());
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("Trained a CDS archive for " + this.java);
		assertThat(this.pluginDir.resolve("app/sam.jar")).exists();
		assertThat(this.pluginDir.resolve("app/app.jsa")).exists();
		assertThat(this.pluginDir.resolve("app/app.aot")).doesNotExist();
		assertThat(this.pluginDir.resolve("app/training.json")).doesNotExist();
		assertThat(this.pluginDir.resolve("app/java")).hasContent(this.java.toString());
		String training = javaCalls().stream()
			.filter((call) -> call.contains("ArchiveClassesAtExit"))
			.findFirst()
			.orElseThrow();
		assertThat(training)
			.startsWith("-Xmx96m -XX:+UseSerialGC -XX:ArchiveClassesAtExit=" + this.pluginDir.resolve("app/app.jsa")
					+ " -Dspring.context.exit=onRefresh -Dekuiper.plugin.describe-to="
					+ this.pluginDir.resolve("app/training.json") + " -jar " + this.pluginDir.resolve("app/sam.jar"));
	}

	@Test
	void installOnJava25ShouldPreferAnAotCache() throws Exception {
		Scripts.Result result = install(Map.of("FAKE_AOT", "yes"));
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("Trained an AOT cache");
		assertThat(this.pluginDir.resolve("app/app.aot")).exists();
		assertThat(this.pluginDir.resolve("app/app.jsa")).doesNotExist();
	}

	@Test
	void installWhenTheJarCannotBeExtractedShouldSucceedWithoutOptimisation() throws Exception {
		Scripts.Result result = install(Map.of("FAKE_EXTRACT_FAILS", "yes"));
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("runs it as shipped");
		assertThat(this.pluginDir.resolve("app")).doesNotExist();
		assertThat(this.pluginDir.resolve("install.log")).content().contains("not a Spring Boot jar");
	}

	@Test
	void installWhenTrainingHangsShouldStopItAndSucceed() throws Exception {
		long start = System.nanoTime();
		Scripts.Result result = install(Map.of("FAKE_TRAINING_SLEEPS", "30", "EKUIPER_PLUGIN_TRAINING_TIMEOUT", "1"));
		assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("No class-data archive could be trained");
		assertThat(this.pluginDir.resolve("app/sam.jar")).exists();
		assertThat(this.pluginDir.resolve("app/app.jsa")).doesNotExist();
	}

	@Test
	void installWithoutJavaShouldSucceed() throws Exception {
		Path bin = Files.createDirectories(this.temp.resolve("bin"));
		for (String tool : List.of("dirname", "rm", "sleep")) {
			Path found = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
			Files.createSymbolicLink(bin.resolve(tool), found);
		}
		Map<String, String> environment = new HashMap<>();
		environment.put("JAVA_HOME", null);
		environment.put("PATH", bin.toString());
		Scripts.Result result = Scripts.run(this.temp, environment,
				List.of("/bin/sh", this.pluginDir.resolve("install.sh").toString()));
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("No Java found");
		assertThat(this.pluginDir.resolve("app")).doesNotExist();
	}

	@Test
	void installShouldRunTheProjectStepsFirstWithTheShellParameters() throws Exception {
		Files.writeString(this.pluginDir.resolve("install-extra.sh"), "echo \"extra $*\" >extra.out\n");
		Scripts.Result result = install(Map.of(), "one", "two");
		assertThat(result.exitCode()).isZero();
		assertThat(this.pluginDir.resolve("extra.out")).hasContent("extra one two");
		assertThat(this.pluginDir.resolve("app/app.jsa")).exists();
	}

	@Test
	void installWhenTheProjectStepsFailShouldFailWithTheirCode() throws Exception {
		Files.writeString(this.pluginDir.resolve("install-extra.sh"), "echo 'missing library' >&2\nexit 3\n");
		Scripts.Result result = install(Map.of());
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.err()).contains("missing library");
		assertThat(this.pluginDir.resolve("app")).doesNotExist();
	}

	/** Runs install.sh the way eKuiper does: by absolute path, from the plugin folder. */
	private Scripts.Result install(Map<String, String> variables, String... shellParameters) throws Exception {
		Map<String, String> environment = new HashMap<>(variables);
		environment.put("JAVA_HOME", this.java.getParent().getParent().toString());
		environment.put("FAKE_JAVA_LOG", this.javaLog.toString());
		List<String> command = new ArrayList<>(List.of("/bin/sh", this.pluginDir.resolve("install.sh").toString()));
		command.addAll(List.of(shellParameters));
		return Scripts.run(this.pluginDir, environment, command);
	}

	private List<String> javaCalls() throws Exception {
		return Files.readAllLines(this.javaLog, StandardCharsets.UTF_8);
	}

}
