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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that an application using the starter leaves no thread behind once it is closed.
 */
class ApplicationCloseTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path socketDirectory;

	@Test
	void noPluginThreadOutlivesTheClosedApplication() {
		Set<Thread> before = pluginThreads();
		try (EmbeddedHost host = EmbeddedHost.builder("closing").socketDirectory(this.socketDirectory).build()) {
			ConfigurableApplicationContext context = SpringApplication.run(LaunchedPluginApplication.class,
					"--ekuiper.plugin.name=closing", "--ekuiper.plugin.socket-directory=" + this.socketDirectory,
					"--spring.main.banner-mode=off");
			host.awaitHandshake(WAIT);
			try (FunctionConnection echo = host.startFunction("echo")) {
				assertThat(echo.exec(List.of("x"), "rule1", "op1").result()).isEqualTo("x");
			}
			assertThat(pluginThreads()).as("threads while running").isNotEqualTo(before);
			context.close();
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(pluginThreads()).isSubsetOf(before));
	}

	private static Set<Thread> pluginThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("ekuiper-") || thread.getName().startsWith("nng-"))
			.collect(Collectors.toSet());
	}

}
