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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ekuiper.plugin.demo.packaging.BuiltFiles;
import dev.ekuiper.plugin.test.DevMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl-C on a real dev mode process: {@link DevMode} runs the demo's jar in a JVM of its
 * own, gets SIGINT once records flow, and must leave nothing behind: the plugin process
 * ended, the socket directory deleted, the summary printed.
 */
class DevModeInterruptIT {

	private static final Pattern SOCKETS = Pattern.compile("sockets in (\\S+)");

	private final List<String> log = new CopyOnWriteArrayList<>();

	private final List<String> records = new CopyOnWriteArrayList<>();

	private Process devMode;

	@AfterEach
	void killLeftovers() {
		if (this.devMode != null) {
			this.devMode.descendants().forEach(ProcessHandle::destroyForcibly);
			this.devMode.destroyForcibly();
		}
	}

	@Test
	void ctrlCEndsThePluginAndDeletesTheSockets() throws Exception {
		Path jar = BuiltFiles.jar();
		this.devMode = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), DevMode.class.getName(), "--jar", jar.toString(), "--plugin",
				"demo", "--source", "sensor", "--function", "c2f", "--args", "temperature")
			.start();
		this.devMode.getOutputStream().close();
		pump(this.devMode.getInputStream(), this.records::add);
		pump(this.devMode.getErrorStream(), this.log::add);

		await().atMost(Duration.ofSeconds(60)).until(() -> !this.records.isEmpty() || !this.devMode.isAlive());
		assertThat(this.records).as(String.join("\n", this.log)).isNotEmpty();
		assertThat(this.records.get(0)).as(String.join("\n", this.log)).isNotNull().contains("\"function\":");
		List<ProcessHandle> plugins = this.devMode.descendants().toList();
		assertThat(plugins).isNotEmpty();
		Path sockets = socketDirectory().orElseThrow();
		assertThat(sockets).isDirectory();

		Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(this.devMode.pid())).start();
		assertThat(interrupt.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.devMode.waitFor(60, TimeUnit.SECONDS)).isTrue();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(plugins).noneMatch(ProcessHandle::isAlive));
		assertThat(sockets).doesNotExist();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.log).anyMatch((line) -> line.startsWith("Dev mode: summary: ")));
	}

	private Optional<Path> socketDirectory() {
		for (String line : this.log) {
			Matcher matcher = SOCKETS.matcher(line);
			if (matcher.find()) {
				return Optional.of(Path.of(matcher.group(1)));
			}
		}
		return Optional.empty();
	}

	private static void pump(InputStream stream, Consumer<String> lines) {
		Thread pump = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					lines.accept(line);
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
		}, "dev-mode-output");
		pump.setDaemon(true);
		pump.start();
	}

}
