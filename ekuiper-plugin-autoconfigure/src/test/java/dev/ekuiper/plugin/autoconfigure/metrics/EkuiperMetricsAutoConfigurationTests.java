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
package dev.ekuiper.plugin.autoconfigure.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.autoconfigure.EkuiperPluginAutoConfiguration;
import dev.ekuiper.plugin.metrics.EkuiperMeterObserver;
import dev.ekuiper.plugin.metrics.EkuiperMetrics;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import dev.ekuiper.plugin.runtime.RuntimeSettings;
import dev.ekuiper.plugin.test.EmbeddedHost;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EkuiperMetricsAutoConfiguration}.
 */
class EkuiperMetricsAutoConfigurationTests {

	@TempDir
	static Path socketDirectory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EkuiperPluginAutoConfiguration.class,
				EkuiperMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withUserConfiguration(FunctionConfiguration.class)
		.withPropertyValues("management.metrics.use-global-registry=false", "ekuiper.plugin.name=metrics",
				"ekuiper.plugin.socket-directory=" + socketDirectory, "ekuiper.plugin.exit-on-host-loss=false",
				"ekuiper.plugin.host-loss-timeout=1h", "ekuiper.plugin.watch-parent=false");

	@Test
	void gaugesAreRegisteredAfterRefresh() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(EkuiperMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("ekuiper.channels.open").gauge().value()).isEqualTo(1.0);
			assertThat(registry.get("ekuiper.control.connected").gauge().value()).isZero();
		});
	}

	@Test
	void runtimeReportsToTheMeterObserver() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context.getBean(PluginRuntime.class)).extracting("observer")
				.isSameAs(context.getBean(EkuiperMeterObserver.class)));
	}

	@Test
	void runtimeOfTheApplicationGetsGauges() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean("myRuntime", PluginRuntime.class,
					() -> new PluginRuntime(
							PluginDefinition.builder("mine").function("f", (args, context) -> null).build(),
							RuntimeSettings.defaults().withSocketDirectory(socketDirectory), RuntimeObserver.NONE))
			.run((context) -> assertThat(context).hasSingleBean(EkuiperMetrics.class)
				.getBean(PluginRuntime.class)
				.isSameAs(context.getBean("myRuntime")));
	}

	@Test
	void metricsCanBeDisabledByPrefix() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("management.metrics.enable.ekuiper=false")
			.run((context) -> assertThat(context.getBean(MeterRegistry.class).find("ekuiper.channels.open").meter())
				.isNull());
	}

	@Test
	void userDefinedMetricsBeanBacksOff() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withUserConfiguration(CustomMetricsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(EkuiperMetrics.class).hasBean("customMetrics"));
	}

	@Test
	void runWithoutMeterRegistryShouldNotCreateMetrics() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EkuiperMetrics.class));
	}

	@Test
	void runWithoutMicrometerShouldNotCreateMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(PluginRuntime.class)
				.doesNotHaveBean(EkuiperMetrics.class));
	}

	@Test
	void servedCallsAndCommandsAreCounted() {
		try (EmbeddedHost host = EmbeddedHost.builder("metrics").socketDirectory(socketDirectory).build()) {
			this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				PluginRuntime runtime = context.getBean(PluginRuntime.class);
				host.awaitHandshake(Duration.ofSeconds(10));
				await().atMost(Duration.ofSeconds(10)).until(runtime::isConnected);
				assertThat(registry.get("ekuiper.control.connected").gauge().value()).isEqualTo(1.0);
				assertThat(host.startFunction("upper").exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("ABC");
				assertThat(registry.get("ekuiper.control.commands")
					.tags("command", "start", "type", "func", "result", "ok")
					.counter()
					.count()).isEqualTo(1.0);
				assertThat(registry.get("ekuiper.function.calls")
					.tags("symbol", "upper", "call", "exec", "result", "ok")
					.timer()
					.count()).isEqualTo(1);
			});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetricsConfiguration {

		@Bean
		EkuiperMetrics customMetrics(PluginRuntime runtime) {
			return new EkuiperMetrics(runtime);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FunctionConfiguration {

		@Bean
		Function upper() {
			return new Function() {

				@Override
				public Object exec(List<Object> args, FunctionContext context) {
					return String.valueOf(args.get(0)).toUpperCase(Locale.ROOT);
				}

			};
		}

	}

}
