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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LauncherScripts}: the texts, and the launcher run against a stand-in
 * {@code java} that prints its arguments.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class LauncherScriptsTests {

	private static final String HOST_ARGUMENT = "{\"sendTimeout\":1000}";

	private static final List<String> QUIET = List.of("-Xlog:disable", "-Xlog:all=warning:stderr",
			"-XX:+DisplayVMOutputToStderr", "-XX:+ExitOnOutOfMemoryError");

	private static final List<String> DEFAULTS = List.of("-Xms16m", "-Xmx96m", "-XX:NewRatio=5", "-Xss512k",
			"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=5");

	@TempDir
	Path temp;

	private Path pluginDir;

	private Path java;

	@BeforeEach
	void writePlugin() throws Exception {
		this.temp = this.temp.toRealPath();
		this.pluginDir = this.temp.resolve("plugins/portable/sam");
		LauncherScripts scripts = new LauncherScripts("sam", LauncherScripts.DEFAULT_JVM_OPTIONS);
		Scripts.executable(this.pluginDir.resolve("sam"), new String(scripts.launcher(), StandardCharsets.UTF_8));
		Files.writeString(this.pluginDir.resolve("sam.jar"), "jar");
		this.java = Scripts.executable(this.temp.resolve("jdk/bin/java"),
				"#!/bin/sh\nfor arg in \"$@\"; do printf '%s\\n' \"$arg\"; done\n");
	}

	@Test
	void launcherShouldBeAPosixShellScriptNamingThePlugin() throws Exception {
		String launcher = new String(new LauncherScripts("sam", "-Xmx64m").launcher(), StandardCharsets.UTF_8);
		assertThat(launcher).startsWith("#!/bin/sh\n");
		assertThat(launcher).contains("JAVA_OPTS_DEFAULT='-Xmx64m'");
		assertThat(launcher).contains("EKUIPER_PLUGIN_JAVA_OPTS");
		assertThat(launcher).doesNotContain("@@");
	}

	@Test
	void installScriptShouldBeAPosixShellScriptWithTheSameOptions() throws Exception {
		String install = new String(new LauncherScripts("sam", " -Xmx64m\n  -Xss1m ").installScript(),
				StandardCharsets.UTF_8);
		assertThat(install).startsWith("#!/bin/sh\n");
		assertThat(install).contains("JAVA_OPTS_DEFAULT='-Xmx64m -Xss1m'");
		assertThat(install).contains("extract --destination app");
		assertThat(install).contains("-Dspring.context.exit=onRefresh");
		assertThat(install).doesNotContain("@@");
	}

	@Test
	void createWhenOptionsHoldASingleQuoteShouldFail() {
		assertThatExceptionOfType(PackagingException.class).isThrownBy(() -> new LauncherScripts("sam", "-Dname='x'"))
			.withMessageContaining("single quote");
	}

	@Test
	void launcherShouldRunTheJarWithQuietEdgeOptionsAndTheHostArgument() throws Exception {
		Scripts.Result result = launch(Map.of("JAVA_HOME", this.java.getParent().getParent().toString()));
		assertThat(result.exitCode()).isZero();
		assertThat(result.err()).isEmpty();
		assertThat(result.outLines()).containsExactlyElementsOf(expected(List.of(), List.of()));
	}

	@Test
	void launcherShouldAddTheEnvironmentOptionsLastWithoutExpandingThem() throws Exception {
		Scripts.Result result = launch(Map.of("JAVA_HOME", this.java.getParent().getParent().toString(),
				"EKUIPER_PLUGIN_JAVA_OPTS", "-Xmx256m -Dpattern=*"));
		assertThat(result.outLines())
			.containsExactlyElementsOf(expected(List.of("-Xmx256m", "-Dpattern=*"), List.of()));
	}

	@Test
	void launcherShouldLimitMallocArenasUnlessTheEnvironmentSetsThem() throws Exception {
		Path probe = Scripts.executable(this.temp.resolve("probe/bin/java"),
				"#!/bin/sh\nprintf '%s\\n' \"$MALLOC_ARENA_MAX\"\n");
		String javaHome = probe.getParent().getParent().toString();
		assertThat(launch(Map.of("JAVA_HOME", javaHome)).outLines()).containsExactly("2");
		assertThat(launch(Map.of("JAVA_HOME", javaHome, "MALLOC_ARENA_MAX", "4")).outLines()).containsExactly("4");
	}

	@Test
	void launcherShouldUseJavaOnThePathWithoutJavaHome() throws Exception {
		Map<String, String> environment = new HashMap<>();
		environment.put("JAVA_HOME", null);
		environment.put("PATH", this.java.getParent().toString());
		Scripts.Result result = launch(environment);
		assertThat(result.exitCode()).isZero();
		assertThat(result.outLines()).containsExactlyElementsOf(expected(List.of(), List.of()));
	}

	@Test
	void launcherWithoutJavaShouldExplainOnStderrAndExit127() throws Exception {
		Map<String, String> environment = new HashMap<>();
		environment.put("JAVA_HOME", this.temp.resolve("nowhere").toString());
		environment.put("PATH", this.temp.resolve("empty").toString());
		Scripts.Result result = launch(environment);
		assertThat(result.exitCode()).isEqualTo(127);
		assertThat(result.out()).isEmpty();
		assertThat(result.err()).contains("eKuiper plugin 'sam': no Java found").contains("JAVA_HOME");
	}

	@Test
	void launcherShouldUseTheExtractedJarAndCdsArchiveTrainedForThisJava() throws Exception {
		extracted(this.java.toString(), "app.jsa");
		Scripts.Result result = launch(Map.of("JAVA_HOME", this.java.getParent().getParent().toString()));
		assertThat(result.outLines()).containsExactlyElementsOf(expected(List.of(),
				List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + this.pluginDir.resolve("app/app.jsa"))));
	}

	@Test
	void launcherShouldUseAnAotCacheWithoutAnXshareOption() throws Exception {
		extracted(this.java.toString(), "app.aot");
		Scripts.Result result = launch(Map.of("JAVA_HOME", this.java.getParent().getParent().toString()));
		assertThat(result.outLines()).containsExactlyElementsOf(
				expected(List.of(), List.of("-XX:AOTCache=" + this.pluginDir.resolve("app/app.aot"))));
	}

	@Test
	void launcherShouldIgnoreAnArchiveTrainedForAnotherJava() throws Exception {
		extracted("/opt/other/bin/java", "app.jsa");
		Scripts.Result result = launch(Map.of("JAVA_HOME", this.java.getParent().getParent().toString()));
		List<String> lines = result.outLines();
		assertThat(lines).noneMatch((line) -> line.startsWith("-XX:SharedArchiveFile"));
		assertThat(lines).containsSubsequence("-jar", this.pluginDir.resolve("app/sam.jar").toString(), HOST_ARGUMENT);
	}

	@Test
	void launcherShouldFindItsFolderFromAnyWorkingDirectory() throws Exception {
		Path elsewhere = Files.createDirectories(this.temp.resolve("elsewhere"));
		Scripts.Result result = Scripts.run(elsewhere,
				Map.of("JAVA_HOME", this.java.getParent().getParent().toString()),
				List.of("../plugins/portable/sam/sam", HOST_ARGUMENT));
		assertThat(result.outLines()).containsSubsequence("-jar", this.pluginDir.resolve("sam.jar").toString());
	}

	private void extracted(String trainedJava, String archive) throws Exception {
		Path app = Files.createDirectories(this.pluginDir.resolve("app"));
		Files.writeString(app.resolve("sam.jar"), "thin jar");
		Files.writeString(app.resolve("java"), trainedJava + "\n");
		Files.writeString(app.resolve(archive), "archive");
	}

	private Scripts.Result launch(Map<String, String> environment) throws Exception {
		return Scripts.run(this.temp, environment, List.of(this.pluginDir.resolve("sam").toString(), HOST_ARGUMENT));
	}

	private List<String> expected(List<String> environmentOptions, List<String> archiveOptions) {
		boolean extracted = !archiveOptions.isEmpty();
		List<String> expected = new ArrayList<>(QUIET);
		expected.addAll(DEFAULTS);
		expected.addAll(environmentOptions);
		expected.addAll(archiveOptions);
		expected.add("-jar");
		expected.add(this.pluginDir.resolve(extracted ? "app/sam.jar" : "sam.jar").toString());
		expected.add(HOST_ARGUMENT);
		return expected;
	}

}
