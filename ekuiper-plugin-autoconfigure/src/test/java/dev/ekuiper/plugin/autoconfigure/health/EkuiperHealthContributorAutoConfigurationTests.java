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
package dev.ekuiper.plugin.autoconfigure.health;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.api.Symbol;
import dev.ekuiper.plugin.autoconfigure.EkuiperPluginAutoConfiguration;
import dev.ekuiper.plugin.health.EkuiperHealthIndicator;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.SymbolStatus;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.SourceConnection;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EkuiperHealthContributorAutoConfiguration}.
 */
class EkuiperHealthContributorAutoConfigurationTests {

	@TempDir
	static Path socketDirectory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EkuiperPluginAutoConfiguration.class,
				EkuiperHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class))
		.withUserConfiguration(SymbolsConfiguration.class)
		.withPropertyValues("ekuiper.plugin.name=health", "ekuiper.plugin.socket-directory=" + socketDirectory,
				"ekuiper.plugin.exit-on-host-loss=false", "ekuiper.plugin.host-loss-timeout=1h",
				"ekuiper.plugin.watch-parent=false");

	@Test
	void runShouldCreateIndicator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(EkuiperHealthIndicator.class)
			.hasBean("ekuiperHealthIndicator"));
	}

	@Test
	void indicatorIsRegisteredAsEkuiper() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(HealthContributorRegistry.class).getContributor("ekuiper"))
				.isSameAs(context.getBean("ekuiperHealthIndicator")));
	}

	@Test
	void runWhenDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.ekuiper.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EkuiperHealthIndicator.class));
	}

	@Test
	void runWithoutHealthModuleShouldNotCreateIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EkuiperHealthIndicator.class));
	}

	@Test
	void runWithoutPluginRuntimeShouldNotCreateIndicator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EkuiperHealthContributorAutoConfiguration.class,
					HealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EkuiperHealthIndicator.class));
	}

	@Test
	void userBeanNamedEkuiperHealthIndicatorBacksOff() {
		this.contextRunner.withUserConfiguration(CustomIndicatorConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(EkuiperHealthIndicator.class).hasBean("ekuiperHealthIndicator");
			assertThat(context.getBean("ekuiperHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.OUT_OF_SERVICE);
		});
	}

	@Test
	void healthIsDownWithReasonAndSymbolsWhenNoHostListens() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(EkuiperHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("plugin", "health")
				.containsEntry("reason", "control channel to eKuiper is not connected");
			List<Map.Entry<String, Map<String, Object>>> symbols = symbolDetails(health.getDetails().get("symbols"));
			assertThat(symbols).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("ticks", "upper");
			assertThat(symbols).filteredOn((symbol) -> symbol.getKey().equals("ticks"))
				.singleElement()
				.satisfies((symbol) -> assertThat(symbol.getValue()).containsEntry("running", 0));
			assertThat(symbols).filteredOn((symbol) -> symbol.getKey().equals("upper"))
				.singleElement()
				.satisfies((symbol) -> assertThat(symbol.getValue()).containsEntry("running", 1));
		});
	}

	@Test
	void healthIsDownWhenRuntimeIsStopped() {
		this.contextRunner.run((context) -> {
			context.getSourceApplicationContext().pause();
			Health health = context.getBean(EkuiperHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason", "plugin runtime is not running");
		});
	}

	@Test
	void healthDetailsKeepASourceAndASinkOfTheSameName() {
		this.contextRunner.withUserConfiguration(SameNameConfiguration.class).run((context) -> {
			List<SymbolStatus> statuses = context.getBean(PluginRuntime.class).status();
			assertThat(statuses).filteredOn((status) -> status.name().equals("mqtt"))
				.extracting(SymbolStatus::type)
				.containsExactlyInAnyOrder(PluginType.SOURCE, PluginType.SINK);
			Health health = context.getBean(EkuiperHealthIndicator.class).health(true);
			assertThat(symbolDetails(health.getDetails().get("symbols"))).as("symbols reported in %s", health)
				.hasSize(4);
		});
	}

	@Test
	void healthIsUpWhenConnectedToEkuiper() {
		try (EmbeddedHost host = EmbeddedHost.builder("health").socketDirectory(socketDirectory).build()) {
			this.contextRunner.run((context) -> {
				EkuiperHealthIndicator indicator = context.getBean(EkuiperHealthIndicator.class);
				host.awaitHandshake(Duration.ofSeconds(10));
				await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
				assertThat(indicator.health(true).getDetails()).containsKeys("plugin", "symbols")
					.doesNotContainKey("reason");
			});
		}
	}

	@Test
	void healthIsDownNamingTheRuleWhileASourceIsQuietPastItsLimitAndUpOnceItStops() {
		try (EmbeddedHost host = EmbeddedHost.builder("health").socketDirectory(socketDirectory).build()) {
			this.contextRunner.withPropertyValues("ekuiper.plugin.health.source-idle-after=200ms").run((context) -> {
				EkuiperHealthIndicator indicator = context.getBean(EkuiperHealthIndicator.class);
				host.awaitHandshake(Duration.ofSeconds(10));
				await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
				SourceConnection source = host.startSource("ticks", "quietRule", "s", Map.of());
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(indicator.health(true)).satisfies((health) -> {
						assertThat(health.getStatus()).isEqualTo(Status.DOWN);
						assertThat(health.getDetails()).containsEntry("reason", "1 faulty symbol instance(s)");
						assertThat(health.getDetails().get("faults")).asInstanceOf(InstanceOfAssertFactories.LIST)
							.singleElement()
							.asInstanceOf(InstanceOfAssertFactories.MAP)
							.containsEntry("type", "source")
							.containsEntry("symbol", "ticks")
							.containsEntry("rule", "quietRule")
							.containsEntry("problem", "emitted nothing");
					}));
				source.stop();
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			});
		}
	}

	@Test
	void sourcesMayBeQuietForEverByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(EkuiperHealthProperties.class).sourceIdleLimit()).isZero();
			assertThat(context.getBean(EkuiperHealthProperties.class).peerGoneAfter()).hasSeconds(30);
		});
	}

	/**
	 * Finds the per-symbol details (maps with a running count) under their symbol names,
	 * however they are grouped.
	 */
	@SuppressWarnings("unchecked")
	private static List<Map.Entry<String, Map<String, Object>>> symbolDetails(Object detail) {
		List<Map.Entry<String, Map<String, Object>>> symbols = new ArrayList<>();
		if (detail instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if (value instanceof Map<?, ?> child && child.containsKey("running")) {
					symbols.add(Map.entry(String.valueOf(key), (Map<String, Object>) child));
				}
				else {
					symbols.addAll(symbolDetails(value));
				}
			});
		}
		return symbols;
	}

	@Configuration(proxyBeanMethods = false)
	static class SymbolsConfiguration {

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		Source<Map<String, Object>> ticks() {
			return new Source<>() {

				@Override
				public void open(SourceContext context) {
				}

			};
		}

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

	@Configuration(proxyBeanMethods = false)
	static class SameNameConfiguration {

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		@Symbol("mqtt")
		Source<Map<String, Object>> mqttSource() {
			return new Source<>() {

				@Override
				public void open(SourceContext context) {
				}

			};
		}

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		@Symbol("mqtt")
		Sink<Map<String, Object>> mqttSink() {
			return new Sink<>() {

				@Override
				public void collect(SinkContext context, SinkMessage message) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomIndicatorConfiguration {

		@Bean
		HealthIndicator ekuiperHealthIndicator() {
			return () -> Health.outOfService().build();
		}

	}

}
