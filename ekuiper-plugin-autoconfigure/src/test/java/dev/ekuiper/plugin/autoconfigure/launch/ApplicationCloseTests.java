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
