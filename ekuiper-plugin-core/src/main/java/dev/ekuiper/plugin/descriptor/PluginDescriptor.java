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
package dev.ekuiper.plugin.descriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionSignature;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.Symbol;
import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.protocol.Json;
import tools.jackson.databind.SerializationFeature;

/**
 * Everything the packaging needs to know about a plugin, taken from its code: the
 * symbols, their descriptions and configuration properties. Written as JSON by the plugin
 * process in describe mode and read by the build.
 *
 * @param name the plugin name
 * @param sources the sources
 * @param sinks the sinks
 * @param functions the functions
 */
public record PluginDescriptor(String name, List<SymbolDescriptor> sources, List<SymbolDescriptor> sinks,
		List<SymbolDescriptor> functions) {

	/** The system property or Spring property that switches a plugin to describe mode. */
	public static final String DESCRIBE_TO_PROPERTY = "ekuiper.plugin.describe-to";

	/**
	 * Describes a plugin. Each source and sink factory is called once to learn the
	 * instance's configuration type; nothing is configured or opened.
	 * @param definition the plugin
	 * @param binder the binder the runtime binds configurations with; it gives the
	 * defaults
	 * @return the descriptor
	 */
	public static PluginDescriptor describe(PluginDefinition definition, ConfigBinder binder) {
		List<SymbolDescriptor> sources = new ArrayList<>();
		for (Map.Entry<String, Supplier<? extends Source<?>>> entry : definition.sources().entrySet()) {
			sources.add(symbol(definition, entry.getKey(), entry.getValue().get(), Source.class, binder));
		}
		List<SymbolDescriptor> sinks = new ArrayList<>();
		for (Map.Entry<String, Supplier<? extends Sink<?>>> entry : definition.sinks().entrySet()) {
			sinks.add(symbol(definition, entry.getKey(), entry.getValue().get(), Sink.class, binder));
		}
		List<SymbolDescriptor> functions = new ArrayList<>();
		for (Map.Entry<String, Function> entry : definition.functions().entrySet()) {
			Function function = entry.getValue();
			functions.add(new SymbolDescriptor(entry.getKey(), description(definition, entry.getKey(), function), null,
					List.of(), function.isAggregate(), arguments(function.signature())));
		}
		return new PluginDescriptor(definition.name(), sources, sinks, functions);
	}

	/**
	 * Writes the descriptor as JSON.
	 * @param file the target file; parent folders are created
	 * @throws IOException if it cannot be written
	 */
	public void write(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.write(file, Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this));
	}

	/**
	 * Reads a descriptor written by {@link #write}.
	 * @param file the file
	 * @return the descriptor
	 * @throws IOException if it cannot be read
	 */
	public static PluginDescriptor read(Path file) throws IOException {
		return Json.mapper().readValue(Files.readAllBytes(file), PluginDescriptor.class);
	}

	private static SymbolDescriptor symbol(PluginDefinition definition, String name, Object instance,
			Class<?> symbolInterface, ConfigBinder binder) {
		Class<?> type = ConfigSchema.configType(instance.getClass(), symbolInterface);
		return new SymbolDescriptor(name, description(definition, name, instance),
				(type != null) ? type.getName() : null, ConfigSchema.properties(type, binder), false);
	}

	/** Lists a function's declared arguments; none for {@link FunctionSignature#ANY}. */
	private static List<ArgumentDescriptor> arguments(FunctionSignature signature) {
		if (signature == null || signature == FunctionSignature.ANY) {
			return List.of();
		}
		List<ArgumentDescriptor> arguments = new ArrayList<>();
		for (FunctionSignature.Argument argument : signature.arguments()) {
			arguments.add(new ArgumentDescriptor(argument.name(), argument.kind().typeName(), argument.optional(),
					argument.repeated()));
		}
		return arguments;
	}

	private static String description(PluginDefinition definition, String name, Object instance) {
		String declared = definition.descriptions().get(name);
		if (declared != null && !declared.isEmpty()) {
			return declared;
		}
		Symbol annotation = instance.getClass().getAnnotation(Symbol.class);
		return (annotation != null) ? annotation.description() : "";
	}

}
