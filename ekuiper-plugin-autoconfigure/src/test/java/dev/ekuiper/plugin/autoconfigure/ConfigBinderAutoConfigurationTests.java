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
package dev.ekuiper.plugin.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.api.Secret;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.binding.JacksonConfigBinder;
import dev.ekuiper.plugin.binding.boot.BootConfigBinder;
import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.PropertyDescriptor;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.HostCommandException;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.validation.annotation.Validated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the configuration binding of {@link EkuiperPluginAutoConfiguration}: sources
 * and sinks are bound with Spring Boot's rules, and the descriptor takes its defaults
 * from the same binder.
 */
class ConfigBinderAutoConfigurationTests {

	private static final String TOKEN = "tok-5e3f9a";

	@TempDir
	static Path socketDirectory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EkuiperPluginAutoConfiguration.class))
		.withUserConfiguration(PollingConfiguration.class)
		.withPropertyValues("ekuiper.plugin.name=binding", "ekuiper.plugin.socket-directory=" + socketDirectory,
				"ekuiper.plugin.exit-on-host-loss=false", "ekuiper.plugin.host-loss-timeout=1h",
				"ekuiper.plugin.watch-parent=false");

	@Test
	void binderIsSpringBoots() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(ConfigBinder.class).isInstanceOf(BootConfigBinder.class);
			assertThat(context.getBean(BootConfigBinder.class).isValidating()).isTrue();
		});
	}

	@Test
	void binderWithoutBeanValidationDoesNotValidate() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.run((context) -> assertThat(context.getBean(BootConfigBinder.class).isValidating()).isFalse());
	}

	@Test
	void userDefinedBinderBacksOff() {
		this.contextRunner.withBean(ConfigBinder.class, JacksonConfigBinder::new)
			.run((context) -> assertThat(context).getBean(ConfigBinder.class).isInstanceOf(JacksonConfigBinder.class));
	}

	@Test
	void sourcesAreBoundWithBootsRules() {
		try (EmbeddedHost host = host()) {
			this.contextRunner.run((context) -> {
				host.awaitHandshake(Duration.ofSeconds(10));
				host.startSource("polling", "rule1", "s1", Map.of("poll-period", "250ms", "batch", 5.0));
				PollingConfig config = context.getBean(PollingConfiguration.class).configs.poll(10, TimeUnit.SECONDS);
				assertThat(config).isEqualTo(new PollingConfig(Duration.ofMillis(250), 5, null));
			});
		}
	}

	@Test
	void aBadValueFailsTheRuleWithOneLine() {
		try (EmbeddedHost host = host()) {
			this.contextRunner.run((context) -> {
				host.awaitHandshake(Duration.ofSeconds(10));
				assertThatExceptionOfType(HostCommandException.class)
					.isThrownBy(() -> host.startSource("polling", "rule1", "s1", Map.of("pollPeriod", "fast")))
					.satisfies((ex) -> assertThat(ex.answer())
						.isEqualTo("cannot start source 'polling' for rule 'rule1': config failed: "
								+ "property 'pollPeriod' = 'fast': expected a Duration such as 500ms or PT1S"));
				assertThatExceptionOfType(HostCommandException.class)
					.isThrownBy(() -> host.startSource("polling", "rule1", "s1", Map.of("batch", 0)))
					.satisfies((ex) -> assertThat(ex.answer())
						.isEqualTo("cannot start source 'polling' for rule 'rule1': config failed: "
								+ "property 'batch' = 0: must be greater than or equal to 1"));
				assertThat(context.getBean(PollingConfiguration.class).configs).isEmpty();
			});
		}
	}

	@Test
	void aBadSecretValueIsMaskedInTheError() {
		try (EmbeddedHost host = host()) {
			this.contextRunner.run((context) -> {
				host.awaitHandshake(Duration.ofSeconds(10));
				assertThatExceptionOfType(HostCommandException.class)
					.isThrownBy(() -> host.startSource("polling", "rule1", "s1", Map.of("token", List.of(TOKEN))))
					.satisfies((ex) -> assertThat(ex.answer()).doesNotContain(TOKEN)
						.isEqualTo("cannot start source 'polling' for rule 'rule1': config failed: "
								+ "property 'token[0]' = '******': expected a whole number (long)"));
			});
		}
	}

	@Test
	void descriptorTakesItsDefaultsFromTheBinder() {
		this.contextRunner.run((context) -> {
			PluginDescriptor descriptor = PluginDescriptor.describe(context.getBean(PluginDefinition.class),
					context.getBean(ConfigBinder.class));
			assertThat(descriptor.sources()).singleElement()
				.satisfies((source) -> assertThat(source.properties()).containsExactly(
						new PropertyDescriptor("pollPeriod", "string", "1s", ""),
						new PropertyDescriptor("batch", "int", 10, ""),
						new PropertyDescriptor("token", "list_int", null, "")));
		});
	}

	private static EmbeddedHost host() {
		return EmbeddedHost.builder("binding").socketDirectory(socketDirectory).build();
	}

	/**
	 * The polling source's configuration.
	 *
	 * @param pollPeriod time between polls
	 * @param batch records per poll
	 * @param token a secret
	 */
	@Validated
	record PollingConfig(@DefaultValue("1s") Duration pollPeriod, @DefaultValue("10") @Min(1) int batch,
			@Secret List<Long> token) {
	}

	static class PollingSource implements Source<PollingConfig> {

		private final BlockingQueue<PollingConfig> configs;

		PollingSource(BlockingQueue<PollingConfig> configs) {
			this.configs = configs;
		}

		@Override
		public void configure(PollingConfig config) {
			this.configs.add(config);
		}

		@Override
		public void open(SourceContext context) throws InterruptedException {
			context.awaitStop(Duration.ofMinutes(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PollingConfiguration {

		final BlockingQueue<PollingConfig> configs = new LinkedBlockingQueue<>();

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		PollingSource polling() {
			return new PollingSource(this.configs);
		}

	}

}
