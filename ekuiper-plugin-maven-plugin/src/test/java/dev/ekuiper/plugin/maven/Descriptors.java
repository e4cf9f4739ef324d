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

import java.util.List;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.PropertyDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;

/**
 * Plugin descriptors for tests, shaped like the official Python sample.
 */
final class Descriptors {

	private Descriptors() {
	}

	/**
	 * A source with typed properties, a sink with one property and an aggregate function.
	 */
	static PluginDescriptor sam() {
		SymbolDescriptor source = new SymbolDescriptor("pyjson", "Emits JSON records", "com.example.JsonConfig",
				List.of(new PropertyDescriptor("period", "int", 1000, "Milliseconds between records"),
						new PropertyDescriptor("name", "string", "true", ""),
						new PropertyDescriptor("loop", "bool", false, "Whether to loop"),
						new PropertyDescriptor("tags", "list_string", List.of("a", "b: c"), ""),
						new PropertyDescriptor("topic", "string", null, "Topic to read")),
				false);
		SymbolDescriptor sink = new SymbolDescriptor("print", "", null,
				List.of(new PropertyDescriptor("prefix", "string", ">", "")), false);
		SymbolDescriptor function = new SymbolDescriptor("revert", "Reverts a string", null, List.of(), true);
		return new PluginDescriptor("sam", List.of(source), List.of(sink), List.of(function));
	}

	/** A plugin with one function only. */
	static PluginDescriptor functionOnly(String pluginName, String functionName) {
		return new PluginDescriptor(pluginName, List.of(), List.of(),
				List.of(new SymbolDescriptor(functionName, "", null, List.of(), false)));
	}

}
