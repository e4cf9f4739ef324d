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
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.PropertyDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;

/**
 * Checks a plugin descriptor before anything is generated from it: the plugin name the
 * build uses must be the one the application serves under, and every name must make a
 * safe file name. Properties eKuiper reads itself, and properties the application could
 * not describe, are warned about.
 */
final class DescriptorChecks {

	/**
	 * Letters, digits, {@code _}, {@code .} and {@code -}, not starting with a dot or
	 * dash.
	 */
	private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

	/** eKuiper's built-in sources, looked up before any plugin's. */
	private static final Set<String> BUILT_IN_SOURCES = Set.of("edgex", "file", "httppull", "httppush", "memory",
			"mqtt", "neuron", "redis", "redisSub", "simulator", "websocket");

	/** eKuiper's built-in sinks, looked up before any plugin's. */
	private static final Set<String> BUILT_IN_SINKS = Set.of("edgex", "file", "log", "memory", "mqtt", "neuron", "nop",
			"redis", "redisPub", "rest", "websocket");

	/**
	 * Source properties eKuiper 2.x reads for every source, sets itself, or rewrites as
	 * durations when a configuration is saved over REST.
	 */
	private static final Set<String> HOST_SOURCE_PROPERTIES = Set.of("interval", "decompression", "connectionSelector",
			"payloadFormat", "mergeField", "merger", "format", "key", "datasource", "schemaId", "delimiter",
			"retainSize", "strictValidation", "timestamp", "timestampFormat", "timeout", "expiration", "cacheTtl");

	private DescriptorChecks() {
	}

	/**
	 * Checks a descriptor and returns the plugin name to package under.
	 * @param descriptor what the application wrote about itself
	 * @param configuredName the name configured in the build, or {@code null}
	 * @param warnings receives problems that do not stop the build
	 * @return the plugin name
	 * @throws PackagingException if the plugin cannot be packaged as described
	 */
	static String pluginName(PluginDescriptor descriptor, String configuredName, Consumer<String> warnings)
			throws PackagingException {
		String served = descriptor.name();
		boolean configured = configuredName != null && !configuredName.isBlank();
		if (configured && served != null && !served.equals(configuredName)) {
			throw new PackagingException("The build packages the plugin as '" + configuredName
					+ "' but the application serves it as '" + served + "', so eKuiper would wait for a handshake on "
					+ "ipc:///tmp/plugin_" + configuredName + ".ipc that never comes. Set ekuiper.plugin.name="
					+ configuredName + " in the application, or remove pluginName from the build.");
		}
		String name = configured ? configuredName : served;
		if (name == null || name.isBlank()) {
			throw new PackagingException("The application does not say its plugin name: set ekuiper.plugin.name "
					+ "(or spring.application.name), or pluginName in the build.");
		}
		List<String> problems = new ArrayList<>();
		checkName("plugin", name, problems);
		List<SymbolDescriptor> all = new ArrayList<>();
		all.addAll(descriptor.sources());
		all.addAll(descriptor.sinks());
		all.addAll(descriptor.functions());
		if (all.isEmpty()) {
			problems.add("plugin '" + name + "' declares no source, sink or function; eKuiper refuses it");
		}
		descriptor.sources().forEach((symbol) -> checkName("source", symbol.name(), problems));
		descriptor.sinks().forEach((symbol) -> checkName("sink", symbol.name(), problems));
		descriptor.functions().forEach((symbol) -> checkName("function", symbol.name(), problems));
		if (!problems.isEmpty()) {
			throw new PackagingException(
					"Cannot package plugin '" + name + "':\n  - " + String.join("\n  - ", problems));
		}
		descriptor.sources()
			.stream()
			.filter((symbol) -> BUILT_IN_SOURCES.contains(symbol.name()))
			.forEach((symbol) -> warnings.accept(shadowed("source", symbol.name())));
		descriptor.sinks()
			.stream()
			.filter((symbol) -> BUILT_IN_SINKS.contains(symbol.name()))
			.forEach((symbol) -> warnings.accept(shadowed("sink", symbol.name())));
		for (SymbolDescriptor source : descriptor.sources()) {
			source.properties()
				.stream()
				.filter((property) -> HOST_SOURCE_PROPERTIES.contains(property.name()))
				.forEach((property) -> warnings.accept(reserved(source.name(), property.name())));
		}
		descriptor.sources().forEach((symbol) -> warnUndescribed("source", symbol, warnings));
		descriptor.sinks().forEach((symbol) -> warnUndescribed("sink", symbol, warnings));
		return name;
	}

	/**
	 * Warns about each property the application could not describe, saying what the files
	 * show instead.
	 */
	private static void warnUndescribed(String kind, SymbolDescriptor symbol, Consumer<String> warnings) {
		for (PropertyDescriptor property : symbol.properties()) {
			if (property.problem() != null) {
				warnings.accept("The " + kind + " '" + symbol.name() + "' has a property '" + property.name()
						+ "' that cannot be described: " + property.problem() + ". The generated files show it as "
						+ "a " + property.type() + ((property.defaultValue() != null) ? "" : " without default")
						+ "; add " + kind + "s/" + symbol.name() + ".json to src/main/ekuiper to describe it by hand.");
			}
		}
	}

	private static String reserved(String source, String property) {
		return "The source '" + source + "' has a property '" + property + "', which eKuiper reads or rewrites itself "
				+ "for every source (an 'interval' inserts a rate limiter that keeps one record per interval; "
				+ "'timeout', 'expiration' and 'cacheTtl' are rewritten as durations such as \"250ms\"). Rename it.";
	}

	private static void checkName(String kind, String name, List<String> problems) {
		if (name == null || !SAFE_NAME.matcher(name).matches()) {
			problems.add(kind + " name '" + name + "' is not usable as a file name: use letters, digits, '_', '.' "
					+ "and '-', starting with a letter, digit or '_'");
		}
	}

	private static String shadowed(String kind, String name) {
		return "The " + kind + " '" + name + "' has the name of an eKuiper built-in " + kind
				+ ", which eKuiper looks up first: this plugin's " + kind + " will never be used. Rename it.";
	}

}
