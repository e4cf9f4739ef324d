package dev.ekuiper.plugin.demo;

import java.time.Duration;

import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for what the plugin does when eKuiper goes away. This context is started for this
 * class alone, with {@code SpringExtension} registered before the host's extension.
 */
@SpringBootTest(properties = "ekuiper.plugin.host-loss-timeout=500ms")
@EkuiperPluginTest("demo")
@DirtiesContext
class HostLossTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private HealthContributorRegistry healthContributors;

	@Autowired
	private PluginRuntime runtime;

	@Test
	void healthGoesDownWhenTheHostIsLostAndTheRuntimeStops(EmbeddedHost host) {
		HealthIndicator indicator = (HealthIndicator) this.healthContributors.getContributor("ekuiper");
		await().atMost(WAIT).until(() -> indicator.health().getStatus(), Status.UP::equals);
		host.close();
		await().atMost(WAIT).until(() -> indicator.health().getStatus(), Status.DOWN::equals);
		await().atMost(WAIT).until(() -> !this.runtime.isRunning());
		assertThat(indicator.health().getDetails()).containsEntry("reason", "plugin runtime is not running");
	}

}
