package dev.ekuiper.plugin.autoconfigure.metrics;

import dev.ekuiper.plugin.autoconfigure.EkuiperPluginAutoConfiguration;
import dev.ekuiper.plugin.metrics.EkuiperMetrics;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the plugin's meters with Micrometer when a {@link MeterRegistry} exists.
 */
@AutoConfiguration(before = EkuiperPluginAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, PluginRuntime.class })
@ConditionalOnBean(MeterRegistry.class)
public final class EkuiperMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EkuiperMetrics ekuiperMetrics(ObjectProvider<PluginRuntime> runtime) {
		return new EkuiperMetrics(runtime::getIfAvailable);
	}

}
