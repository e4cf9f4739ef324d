package dev.ekuiper.plugin.metrics;

import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.SymbolStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The plugin runtime's gauges, bound to every registry: {@code ekuiper.channels.open}
 * (open data and function channels) and {@code ekuiper.control.connected}. The meters of
 * commands, records, messages, acks and calls come from {@link EkuiperMeterObserver}.
 */
public class EkuiperMetrics implements MeterBinder {

	private final PluginRuntime runtime;

	/**
	 * Creates the gauges' binder.
	 * @param runtime the runtime the gauges read
	 */
	public EkuiperMetrics(PluginRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("ekuiper.channels.open", this.runtime, EkuiperMetrics::openChannels)
			.description("Open data and function channels")
			.register(registry);
		Gauge.builder("ekuiper.control.connected", this.runtime, (runtime) -> runtime.isConnected() ? 1 : 0)
			.description("Whether the control channel to eKuiper is connected")
			.register(registry);
	}

	private static double openChannels(PluginRuntime runtime) {
		return runtime.status().stream().mapToInt(SymbolStatus::running).sum();
	}

}
