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
package dev.ekuiper.plugin.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A plugin: its name and its symbols. Sources and sinks are given as factories, since
 * every rule gets a fresh instance; a function is one instance for the process's life.
 *
 * @param name the plugin name, as installed in eKuiper
 * @param sources source symbol name to factory
 * @param sinks sink symbol name to factory
 * @param functions function symbol name to function
 * @param descriptions symbol name to a one-line description for eKuiper's UI
 */
public record PluginDefinition(String name, Map<String, Supplier<? extends Source<?>>> sources,
		Map<String, Supplier<? extends Sink<?>>> sinks, Map<String, Function> functions,
		Map<String, String> descriptions) {

	/**
	 * Checks and freezes the definition.
	 * @param name the plugin name
	 * @param sources source factories
	 * @param sinks sink factories
	 * @param functions functions
	 * @param descriptions symbol descriptions
	 */
	public PluginDefinition {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a plugin needs a name");
		}
		sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
		sinks = Collections.unmodifiableMap(new LinkedHashMap<>(sinks));
		functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
		descriptions = Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
		if (sources.isEmpty() && sinks.isEmpty() && functions.isEmpty()) {
			throw new IllegalArgumentException("plugin '" + name + "' declares no symbol");
		}
	}

	/**
	 * Starts a definition.
	 * @param name the plugin name
	 * @return a builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/** Collects symbols; a name may be used once per kind. */
	public static final class Builder {

		private final String name;

		private final Map<String, Supplier<? extends Source<?>>> sources = new LinkedHashMap<>();

		private final Map<String, Supplier<? extends Sink<?>>> sinks = new LinkedHashMap<>();

		private final Map<String, Function> functions = new LinkedHashMap<>();

		private final Map<String, String> descriptions = new LinkedHashMap<>();

		private Builder(String name) {
			this.name = name;
		}

		/**
		 * Adds a source.
		 * @param symbol the name streams use as {@code TYPE}
		 * @param factory makes one instance per rule
		 * @return this builder
		 */
		public Builder source(String symbol, Supplier<? extends Source<?>> factory) {
			put(this.sources, symbol, factory, "source");
			return this;
		}

		/**
		 * Adds a sink.
		 * @param symbol the name rule actions use
		 * @param factory makes one instance per rule action
		 * @return this builder
		 */
		public Builder sink(String symbol, Supplier<? extends Sink<?>> factory) {
			put(this.sinks, symbol, factory, "sink");
			return this;
		}

		/**
		 * Adds a function.
		 * @param symbol the name SQL calls
		 * @param function the single instance
		 * @return this builder
		 */
		public Builder function(String symbol, Function function) {
			put(this.functions, symbol, function, "function");
			return this;
		}

		/**
		 * Describes a symbol for eKuiper's UI metadata.
		 * @param symbol the symbol name
		 * @param description one line
		 * @return this builder
		 */
		public Builder describe(String symbol, String description) {
			this.descriptions.put(symbol, description);
			return this;
		}

		/**
		 * Builds the definition.
		 * @return the definition
		 */
		public PluginDefinition build() {
			return new PluginDefinition(this.name, this.sources, this.sinks, this.functions, this.descriptions);
		}

		private static <T> void put(Map<String, T> map, String symbol, T value, String kind) {
			Objects.requireNonNull(value, () -> kind + " '" + symbol + "' is null");
			if (symbol == null || symbol.isBlank()) {
				throw new IllegalArgumentException("a " + kind + " needs a name");
			}
			if (map.putIfAbsent(symbol, value) != null) {
				throw new IllegalArgumentException("two " + kind + "s are named '" + symbol + "'");
			}
		}

	}

}
