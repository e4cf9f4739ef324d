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
