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
