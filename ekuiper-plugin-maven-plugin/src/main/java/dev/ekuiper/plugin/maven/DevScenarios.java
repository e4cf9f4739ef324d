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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import dev.ekuiper.plugin.test.DevModeScenario;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Decides what the dev goal runs: the project's scenario file when it has one (YAML or
 * JSON, see {@link DevModeScenario}), otherwise one rule from the symbols named in
 * properties, by default the plugin's first source, first function and first sink. Every
 * symbol must be one the plugin describes.
 */
final class DevScenarios {

	/** Where a project keeps its scenario, tried in this order. */
	static final List<String> DEFAULT_FILES = List.of("src/dev/ekuiper-dev.yaml", "src/dev/ekuiper-dev.yml",
			"src/dev/ekuiper-dev.json");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private DevScenarios() {
	}

	/**
	 * Finds the scenario file of a project.
	 * @param baseDirectory the project's folder
	 * @param configured the file named in the build, or {@code null}
	 * @return the file, or {@code null} if there is none
	 * @throws PackagingException if a configured file does not exist
	 */
	static Path scenarioFile(Path baseDirectory, File configured) throws PackagingException {
		if (configured != null) {
			Path file = baseDirectory.resolve(configured.toPath());
			if (!Files.isRegularFile(file)) {
				throw new PackagingException("No dev mode scenario at " + file);
			}
			return file;
		}
		return DEFAULT_FILES.stream().map(baseDirectory::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
	}

	/**
	 * Reads a scenario file, YAML or JSON, and checks its symbols.
	 * @param file the file
	 * @param descriptor the plugin's symbols
	 * @return the scenario
	 * @throws PackagingException if the file cannot be read, is not a valid scenario or
	 * names a symbol the plugin lacks
	 */
	static DevModeScenario read(Path file, PluginDescriptor descriptor) throws PackagingException {
		Object tree;
		try {
			tree = YAML.readValue(Files.readAllBytes(file), Object.class);
		}
		catch (IOException | JacksonException ex) {
			throw new PackagingException("Cannot read the dev mode scenario " + file + ": " + message(ex), ex);
		}
		DevModeScenario scenario;
		try {
			scenario = DevModeScenario.from(tree, file.toString());
		}
		catch (IllegalArgumentException ex) {
			// The message says it all; Jackson's cause would repeat it with its own
			// locations.
			throw new PackagingException(ex.getMessage());
		}
		for (DevModeScenario.Stream stream : scenario.streams().values()) {
			check("source", stream.source(), descriptor.sources(), file.toString());
		}
		for (DevModeScenario.Rule rule : scenario.rules()) {
			check("function", rule.function(), descriptor.functions(), file.toString());
			check("sink", rule.sink(), descriptor.sinks(), file.toString());
		}
		return scenario;
	}

	/**
	 * Makes a scenario of one rule from symbol names, each defaulting to the plugin's
	 * first symbol of its kind; {@code none} leaves the function or sink out.
	 * @param descriptor the plugin's symbols
	 * @param source the source, or {@code null} for the first
	 * @param function the function, {@code null} for the first or {@code none}
	 * @param args comma-separated record fields passed to the function, or {@code null}
	 * @param window rows per call of an aggregate function, 0 for the default
	 * @param sink the sink, {@code null} for the first or {@code none}
	 * @return the scenario
	 * @throws PackagingException if the plugin has no source or lacks a named symbol
	 */
	static DevModeScenario fromSymbols(PluginDescriptor descriptor, String source, String function, String args,
			int window, String sink) throws PackagingException {
		String origin = "the build's properties";
		String sourceName = orFirst(source, descriptor.sources());
		if (sourceName == null) {
			throw new PackagingException("The plugin '" + descriptor.name() + "' has no source to run; dev mode "
					+ "starts a source and sends its records through a function and a sink");
		}
		check("source", sourceName, descriptor.sources(), origin);
		String functionName = orFirst(function, descriptor.functions());
		check("function", functionName, descriptor.functions(), origin);
		String sinkName = orFirst(sink, descriptor.sinks());
		check("sink", sinkName, descriptor.sinks(), origin);
		List<String> fields = (args != null)
				? Arrays.stream(args.split(",")).map(String::trim).filter((field) -> !field.isEmpty()).toList()
				: List.of();
		try {
			return DevModeScenario.of(sourceName, functionName, fields, window, sinkName);
		}
		catch (IllegalArgumentException ex) {
			throw new PackagingException(ex.getMessage(), ex);
		}
	}

	private static String orFirst(String name, List<SymbolDescriptor> symbols) {
		if (name != null && !name.isBlank()) {
			return name.strip().toLowerCase(Locale.ROOT).equals("none") ? null : name.strip();
		}
		return symbols.isEmpty() ? null : symbols.get(0).name();
	}

	private static void check(String kind, String name, List<SymbolDescriptor> symbols, String origin)
			throws PackagingException {
		if (name == null || symbols.stream().anyMatch((symbol) -> symbol.name().equals(name))) {
			return;
		}
		List<String> names = symbols.stream().map(SymbolDescriptor::name).toList();
		throw new PackagingException("The plugin has no " + kind + " '" + name + "' (named in " + origin + "); its "
				+ kind + "s: " + (names.isEmpty() ? "none" : String.join(", ", names)));
	}

	private static String message(Exception ex) {
		return (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
	}

}
