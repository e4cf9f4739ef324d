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
