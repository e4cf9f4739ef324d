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
package dev.ekuiper.plugin.metrics;

import java.nio.file.Path;
import java.time.Duration;

import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import dev.ekuiper.plugin.runtime.RuntimeSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EkuiperMetrics}.
 */
class EkuiperMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@TempDir
	Path socketDirectory;

	@Test
	void gaugesReadTheRuntime() throws Exception {
		PluginDefinition definition = PluginDefinition.builder("gauges")
			.function("first", (args, context) -> null)
			.function("second", (args, context) -> null)
			.build();
		RuntimeSettings settings = RuntimeSettings.defaults()
			.withSocketDirectory(this.socketDirectory)
			.withHostLossTimeout(Duration.ofHours(1));
		try (PluginRuntime plugin = new PluginRuntime(definition, settings, RuntimeObserver.NONE)) {
			new EkuiperMetrics(plugin).bindTo(this.registry);
			assertThat(this.registry.get("ekuiper.channels.open").gauge().value()).isZero();
			plugin.start();
			assertThat(this.registry.get("ekuiper.channels.open").gauge().value()).isEqualTo(2.0);
			assertThat(this.registry.get("ekuiper.control.connected").gauge().value()).isZero();
			plugin.stop();
			assertThat(this.registry.get("ekuiper.channels.open").gauge().value()).isZero();
		}
	}

}
