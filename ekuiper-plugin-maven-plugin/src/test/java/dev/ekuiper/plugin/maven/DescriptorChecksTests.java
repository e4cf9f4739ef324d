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
package dev.ekuiper.plugin.maven;

import java.util.ArrayList;
import java.util.List;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.PropertyDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DescriptorChecks}.
 */
class DescriptorChecksTests {

	private final List<String> warnings = new ArrayList<>();

	@Test
	void pluginNameShouldDefaultToTheServedName() throws Exception {
		assertThat(DescriptorChecks.pluginName(Descriptors.sam(), null, this.warnings::add)).isEqualTo("sam");
		assertThat(DescriptorChecks.pluginName(Descriptors.sam(), "sam", this.warnings::add)).isEqualTo("sam");
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void pluginNameWhenTheBuildNameDiffersFromTheServedOneShouldFail() {
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> DescriptorChecks.pluginName(Descriptors.sam(), "other", this.warnings::add))
			.withMessageContaining("packages the plugin as 'other' but the application serves it as 'sam'")
			.withMessageContaining("ipc:///tmp/plugin_other.ipc");
	}

	@Test
	void pluginNameWhenNoNameIsKnownShouldFail() {
		PluginDescriptor unnamed = Descriptors.functionOnly(null, "f");
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> DescriptorChecks.pluginName(unnamed, " ", this.warnings::add))
			.withMessageContaining("set ekuiper.plugin.name");
	}

	@Test
	void pluginNameWhenANameIsNoSafeFileNameShouldFail() {
		PluginDescriptor descriptor = Descriptors.functionOnly("sam", "../escape");
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> DescriptorChecks.pluginName(descriptor, null, this.warnings::add))
			.withMessageContaining("function name '../escape' is not usable as a file name");
	}

	@Test
	void pluginNameWhenThereIsNoSymbolShouldFail() {
		PluginDescriptor empty = new PluginDescriptor("sam", List.of(), List.of(), List.of());
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> DescriptorChecks.pluginName(empty, null, this.warnings::add))
			.withMessageContaining("declares no source, sink or function; eKuiper refuses it");
	}

	@Test
	void pluginNameWhenASymbolIsShadowedByABuiltInShouldWarn() throws Exception {
		SymbolDescriptor file = new SymbolDescriptor("file", "", null, List.of(), false);
		PluginDescriptor descriptor = new PluginDescriptor("sam", List.of(file), List.of(file), List.of());
		DescriptorChecks.pluginName(descriptor, null, this.warnings::add);
		assertThat(this.warnings).hasSize(2)
			.allMatch((warning) -> warning.contains("name of an eKuiper built-in") && warning.contains("'file'"));
	}

	@Test
	void pluginNameWhenASourcePropertyIsOneEkuiperReadsItselfShouldWarn() throws Exception {
		List<PropertyDescriptor> properties = List.of(new PropertyDescriptor("interval", "int", 1000, ""),
				new PropertyDescriptor("period", "int", 1000, ""));
		SymbolDescriptor sensor = new SymbolDescriptor("sensor", "", "Config", properties, false);
		PluginDescriptor descriptor = new PluginDescriptor("sam", List.of(sensor), List.of(), List.of());
		DescriptorChecks.pluginName(descriptor, null, this.warnings::add);
		assertThat(this.warnings).singleElement()
			.satisfies((warning) -> assertThat(warning).contains("'sensor'", "'interval'", "rate limiter"));
	}

	@Test
	void pluginNameWhenAPropertyCannotBeDescribedShouldWarn() throws Exception {
		List<PropertyDescriptor> properties = List.of(
				new PropertyDescriptor("factory", "string", null, "",
						"its type java.util.function.Supplier<java.lang.String> has no eKuiper type"),
				new PropertyDescriptor("period", "int", 1000, ""));
		SymbolDescriptor sensor = new SymbolDescriptor("sensor", "", "Config", properties, false);
		SymbolDescriptor sink = new SymbolDescriptor("store", "", "Config",
				List.of(new PropertyDescriptor("url", "string", null, "", "its default is unknown")), false);
		PluginDescriptor descriptor = new PluginDescriptor("sam", List.of(sensor), List.of(sink), List.of());
		DescriptorChecks.pluginName(descriptor, null, this.warnings::add);
		assertThat(this.warnings).containsExactly(
				"The source 'sensor' has a property 'factory' that cannot be described: its type "
						+ "java.util.function.Supplier<java.lang.String> has no eKuiper type. The generated files show "
						+ "it as a string without default; add sources/sensor.json to src/main/ekuiper to describe it "
						+ "by hand.",
				"The sink 'store' has a property 'url' that cannot be described: its default is unknown. The "
						+ "generated files show it as a string without default; add sinks/store.json to "
						+ "src/main/ekuiper to describe it by hand.");
	}

}
