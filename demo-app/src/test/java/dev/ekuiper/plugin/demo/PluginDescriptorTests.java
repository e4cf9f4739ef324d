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
package dev.ekuiper.plugin.demo;

import java.util.List;

import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.descriptor.ArgumentDescriptor;
import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.PropertyDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import dev.ekuiper.plugin.test.EkuiperPluginTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for the plugin's descriptor, from which the packaging generates eKuiper's plugin
 * files ({@code demo.json}, {@code sources/sensor.yaml} and the UI metadata).
 */
@EkuiperPluginTest("demo")
@SpringBootTest
class PluginDescriptorTests {

	@Autowired
	private PluginDefinition definition;

	@Autowired
	private ConfigBinder binder;

	@Test
	void symbolsAreDescribedWithTheirKind() {
		PluginDescriptor descriptor = PluginDescriptor.describe(this.definition, this.binder);
		assertThat(descriptor.name()).isEqualTo("demo");
		assertThat(descriptor.sources()).extracting(SymbolDescriptor::name)
			.containsExactlyInAnyOrder("pyjson", "sensor");
		assertThat(descriptor.sinks()).extracting(SymbolDescriptor::name)
			.containsExactlyInAnyOrder("print", "jsonfile", "batchfile");
		assertThat(descriptor.functions()).extracting(SymbolDescriptor::name, SymbolDescriptor::aggregate)
			.containsExactlyInAnyOrder(tuple("revert", false), tuple("c2f", false), tuple("stats", true));
		assertThat(symbol(descriptor.sources(), "sensor").description())
			.isEqualTo("Simulated temperature and humidity sensors");
	}

	@Test
	void configDefaultsComeFromTheDefaultValuesOfTheConfigRecords() {
		PluginDescriptor descriptor = PluginDescriptor.describe(this.definition, this.binder);
		assertThat(symbol(descriptor.sources(), "sensor").properties())
			.extracting(PropertyDescriptor::name, PropertyDescriptor::type, PropertyDescriptor::defaultValue)
			.containsExactly(tuple("period", "string", "1s"),
					tuple("sensors", "list_string", List.of("sensor-1", "sensor-2")),
					tuple("minTemperature", "float", 18.0), tuple("maxTemperature", "float", 26.0),
					tuple("minHumidity", "float", 30.0), tuple("maxHumidity", "float", 60.0), tuple("seed", "int", 0L));
		assertThat(symbol(descriptor.sinks(), "jsonfile").properties())
			.extracting(PropertyDescriptor::name, PropertyDescriptor::defaultValue)
			.containsExactly(tuple("path", "demo.jsonl"));
		assertThat(symbol(descriptor.sources(), "pyjson").properties()).isEmpty();
		assertThat(descriptor.sources()).flatExtracting(SymbolDescriptor::properties)
			.extracting(PropertyDescriptor::problem)
			.containsOnlyNulls();
	}

	@Test
	void functionsListTheArgumentsTheirSignaturesDeclare() {
		PluginDescriptor descriptor = PluginDescriptor.describe(this.definition, this.binder);
		assertThat(symbol(descriptor.functions(), "c2f").arguments())
			.containsExactly(new ArgumentDescriptor("celsius", "number", false, false));
		assertThat(symbol(descriptor.functions(), "stats").arguments())
			.containsExactly(new ArgumentDescriptor("value", "number", false, false));
		assertThat(symbol(descriptor.functions(), "revert").arguments())
			.containsExactly(new ArgumentDescriptor("text", "any", false, false));
	}

	private static SymbolDescriptor symbol(List<SymbolDescriptor> symbols, String name) {
		return symbols.stream().filter((symbol) -> symbol.name().equals(name)).findFirst().orElseThrow();
	}

}
