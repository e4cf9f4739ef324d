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

import java.util.Map;

import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.autoconfigure.health.EkuiperHealthContributorAutoConfiguration;
import dev.ekuiper.plugin.autoconfigure.metrics.EkuiperMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the registration files under {@code META-INF}: the auto-configuration imports
 * and the failure analyzer in {@code spring.factories}.
 */
@ExtendWith(OutputCaptureExtension.class)
class AutoConfigurationRegistrationTests {

	@Test
	void autoConfigurationsAreListedInImports() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())).contains(
				EkuiperPluginAutoConfiguration.class.getName(),
				EkuiperHealthContributorAutoConfiguration.class.getName(),
				EkuiperMetricsAutoConfiguration.class.getName());
	}

	@Test
	void misdeclaredPluginIsReportedWithWhatToChange(CapturedOutput output) {
		SpringApplication application = new SpringApplication(SingletonSourceConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.main.banner-mode", "off", "ekuiper.plugin.name", "demo"));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run)
			.havingRootCause()
			.isInstanceOf(InvalidPluginDefinitionException.class);
		assertThat(output).contains("The eKuiper plugin is misdeclared: the source bean 'ticks' is a singleton")
			.contains("Action:")
			.contains("@Scope(\"prototype\")");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EkuiperPluginAutoConfiguration.class)
	static class SingletonSourceConfiguration {

		@Bean
		Source<Map<String, Object>> ticks() {
			return (context) -> {
			};
		}

	}

}
