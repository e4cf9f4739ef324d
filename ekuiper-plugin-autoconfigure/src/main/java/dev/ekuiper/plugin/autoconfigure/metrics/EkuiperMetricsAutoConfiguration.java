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

import dev.ekuiper.plugin.autoconfigure.EkuiperPluginAutoConfiguration;
import dev.ekuiper.plugin.metrics.EkuiperMeterObserver;
import dev.ekuiper.plugin.metrics.EkuiperMetrics;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Meters of the plugin runtime, when a {@link MeterRegistry} and a {@link PluginRuntime}
 * exist: the gauges as a {@link io.micrometer.core.instrument.binder.MeterBinder}, the
 * counters and timers through a runtime observer.
 */
@AutoConfiguration(after = EkuiperPluginAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, PluginRuntime.class })
@ConditionalOnBean({ MeterRegistry.class, PluginRuntime.class })
public final class EkuiperMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EkuiperMetrics ekuiperMetrics(PluginRuntime runtime) {
		return new EkuiperMetrics(runtime);
	}

	@Bean
	@ConditionalOnMissingBean
	EkuiperMeterObserver ekuiperMeterObserver(MeterRegistry registry) {
		return new EkuiperMeterObserver(registry);
	}

}
