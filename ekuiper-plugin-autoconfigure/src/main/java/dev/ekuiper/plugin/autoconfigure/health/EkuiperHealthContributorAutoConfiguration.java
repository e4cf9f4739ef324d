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

import dev.ekuiper.plugin.autoconfigure.EkuiperPluginAutoConfiguration;
import dev.ekuiper.plugin.health.EkuiperHealthIndicator;
import dev.ekuiper.plugin.runtime.PluginRuntime;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Contributes the {@code ekuiper} health indicator when Spring Boot's health support is
 * present; switch it off with {@code management.health.ekuiper.enabled=false}, tune it
 * with {@code ekuiper.plugin.health.*}.
 */
@AutoConfiguration(after = EkuiperPluginAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, PluginRuntime.class })
@ConditionalOnBean(PluginRuntime.class)
@ConditionalOnEnabledHealthIndicator("ekuiper")
@EnableConfigurationProperties(EkuiperHealthProperties.class)
public final class EkuiperHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "ekuiperHealthIndicator", "ekuiperHealthContributor" })
	EkuiperHealthIndicator ekuiperHealthIndicator(PluginRuntime runtime, EkuiperHealthProperties properties) {
		return new EkuiperHealthIndicator(runtime, properties.peerGoneAfter(), properties.sourceIdleLimit());
	}

}
