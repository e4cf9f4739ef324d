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
package dev.ekuiper.plugin.autoconfigure.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the application exits on host loss and handles SIGTERM only when eKuiper
 * launched it, that is when eKuiper's JSON process argument is present. Each test runs
 * {@link LaunchedPluginApplication} in a child JVM with no host listening, so the host is
 * lost after the host-loss timeout.
 */
class LaunchedPluginTests {

	private static final String PROCESS_ARGUMENT = "{\"sendTimeout\":1000}";

	private static final Duration START = Duration.ofSeconds(60);

	@TempDir
	Path socketDirectory;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void killProcesses() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void launchedByEkuiperTheProcessExitsOnHostLoss() throws Exception {
		Child child = launch(PROCESS_ARGUMENT, "--ekuiper.plugin.host-loss-timeout=300ms");
		assertThat(child.process().waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
		await().atMost(START).untilAsserted(() -> assertThat(child.output()).contains("eKuiper host lost"));
	}

	@Test
	void launchedByEkuiperSigtermStopsGracefullyWithExitCodeZero() throws Exception {
		Child child = launch(PROCESS_ARGUMENT);
		awaitServing(child);
		// Process.destroy would close the output stream too.
		child.process().toHandle().destroy();
		assertThat(child.process().waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
		assertThat(child.process().exitValue()).as(child::output).isZero();
		await().atMost(START).untilAsserted(() -> assertThat(child.output()).contains("SIGTERM received"));
	}

	@Test
	void withoutTheProcessArgumentSigtermIsLeftToTheJvm() throws Exception {
		Child child = launch(null);
		awaitServing(child);
		// Process.destroy would close the output stream too.
		child.process().toHandle().destroy();
		assertThat(child.process().waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
		assertThat(child.process().exitValue()).as(child::output).isEqualTo(128 + 15);
		assertThat(child.output()).doesNotContain("SIGTERM received");
	}

	@Test
	void explicitPropertyMakesTheProcessExitOnHostLossWithoutTheProcessArgument() throws Exception {
		Child child = launch(null, "--ekuiper.plugin.host-loss-timeout=300ms",
				"--ekuiper.plugin.exit-on-host-loss=true");
		assertThat(child.process().waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
		await().atMost(START).untilAsserted(() -> assertThat(child.output()).contains("eKuiper host lost"));
	}

	private void awaitServing(Child child) {
		await().atMost(START).untilAsserted(() -> assertThat(child.output()).contains("serving"));
	}

	private Child launch(String processArgument, String... options) throws IOException {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-cp", System.getProperty("java.class.path"), LaunchedPluginApplication.class.getName()));
		if (processArgument != null) {
			command.add(processArgument);
		}
		command.add("--ekuiper.plugin.name=launched");
		command.add("--ekuiper.plugin.socket-directory=" + this.socketDirectory);
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.processes.add(process);
		return new Child(process, collect(process.getInputStream()));
	}

	private static StringBuffer collect(InputStream stream) {
		StringBuffer output = new StringBuffer();
		Thread reader = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (stream) {
				for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
					output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				// the process is gone
			}
		}, "launched-plugin-output");
		reader.setDaemon(true);
		reader.start();
		return output;
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/** A launched application and what it has written so far. */
	private record Child(Process process, StringBuffer buffer) {

		String output() {
			return this.buffer.toString();
		}

	}

}
