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
