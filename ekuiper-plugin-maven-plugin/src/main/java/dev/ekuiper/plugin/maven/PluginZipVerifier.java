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

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a plugin package back and checks it against the plugin's code and against what
 * eKuiper's installer and UI need, so that a package that builds also installs.
 */
final class PluginZipVerifier {

	private final String pluginName;

	private final PluginDescriptor descriptor;

	/**
	 * Creates a verifier.
	 * @param pluginName the plugin name
	 * @param descriptor the plugin's symbols, as the code declares them
	 */
	PluginZipVerifier(String pluginName, PluginDescriptor descriptor) {
		this.pluginName = pluginName;
		this.descriptor = descriptor;
	}

	/**
	 * Checks a package.
	 * @param zip the package
	 * @throws PackagingException listing every problem found
	 * @throws IOException if the package cannot be read
	 */
	void verify(Path zip) throws PackagingException, IOException {
		List<String> problems = new ArrayList<>();
		try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
			Map<String, ZipArchiveEntry> entries = new LinkedHashMap<>();
			for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
				checkParent(entry, entries, problems);
				if (entries.put(entry.getName(), entry) != null) {
					problems.add("entry " + entry.getName() + " appears twice");
				}
			}
			JsonNode manifest = readManifest(file, entries, problems);
			if (manifest != null) {
				checkManifest(manifest, entries, problems);
			}
			checkSourceConfigurations(file, entries, problems);
			checkSymbolFiles(file, entries, problems);
			if (!entries.containsKey(this.pluginName + ".jar")) {
				problems.add("the jar " + this.pluginName + ".jar is missing");
			}
		}
		if (!problems.isEmpty()) {
			throw new PackagingException("The plugin package " + zip + " would not install as intended:\n  - "
					+ String.join("\n  - ", problems));
		}
	}

	private void checkParent(ZipArchiveEntry entry, Map<String, ZipArchiveEntry> before, List<String> problems) {
		String name = entry.isDirectory() ? entry.getName().substring(0, entry.getName().length() - 1)
				: entry.getName();
		int slash = name.lastIndexOf('/');
		if (slash > 0 && !before.containsKey(name.substring(0, slash + 1))) {
			problems.add("entry " + entry.getName() + " comes before an entry for its folder");
		}
	}

	private JsonNode readManifest(ZipFile file, Map<String, ZipArchiveEntry> entries, List<String> problems)
			throws IOException {
		String name = this.pluginName + ".json";
		ZipArchiveEntry entry = entries.get(name);
		if (entry == null) {
			problems.add(name + " is missing at the root of the zip");
			return null;
		}
		try (InputStream in = file.getInputStream(entry)) {
			return JsonFiles.mapper().readTree(in);
		}
		catch (JacksonException ex) {
			problems.add(name + " is not valid JSON: " + ex.getOriginalMessage());
			return null;
		}
	}

	private void checkManifest(JsonNode manifest, Map<String, ZipArchiveEntry> entries, List<String> problems) {
		String name = this.pluginName + ".json";
		if (!PluginManifest.LANGUAGE.equals(manifest.path("language").asString(""))) {
			problems.add(name + " must declare language \"go\" for eKuiper to run the launcher");
		}
		if (manifest.path("version").asString("").isBlank()) {
			problems.add(name + " has no version");
		}
		String executable = manifest.path("executable").asString("");
		ZipArchiveEntry launcher = entries.get(executable);
		if (executable.isEmpty() || launcher == null || launcher.isDirectory()) {
			problems.add("the executable \"" + executable + "\" named in " + name + " is not an entry of the zip");
		}
		else if (launcher.getPlatform() != ZipArchiveEntry.PLATFORM_UNIX || (launcher.getUnixMode() & 0100) == 0) {
			problems.add("the executable " + executable + " does not carry the exec bit, so eKuiper cannot run it");
		}
		compare(name, "sources", manifest, this.descriptor.sources(), problems);
		compare(name, "sinks", manifest, this.descriptor.sinks(), problems);
		compare(name, "functions", manifest, this.descriptor.functions(), problems);
	}

	private void compare(String name, String kind, JsonNode manifest, List<SymbolDescriptor> declared,
			List<String> problems) {
		Set<String> listed = new HashSet<>();
		manifest.path(kind).forEach((symbol) -> listed.add(symbol.asString("")));
		Set<String> inCode = names(declared);
		for (String symbol : inCode) {
			if (!listed.contains(symbol)) {
				problems.add(name + " does not list the " + kind + " '" + symbol + "' that the code declares");
			}
		}
		for (String symbol : listed) {
			if (!inCode.contains(symbol)) {
				problems.add(name + " lists " + kind + " '" + symbol + "', which the code does not declare");
			}
		}
	}

	private void checkSourceConfigurations(ZipFile file, Map<String, ZipArchiveEntry> entries, List<String> problems)
			throws IOException {
		for (SymbolDescriptor source : this.descriptor.sources()) {
			String name = "sources/" + source.name() + ".yaml";
			ZipArchiveEntry entry = entries.get(name);
			if (entry == null) {
				problems.add(name + " is missing; eKuiper requires it for every source");
				continue;
			}
			try (InputStream in = file.getInputStream(entry)) {
				JsonNode yaml = SourceDefaults.mapper().readTree(in);
				if (yaml != null && !yaml.isMissingNode() && !yaml.isObject()) {
					problems.add(name + " is not a YAML mapping of configuration keys");
				}
			}
			catch (JacksonException ex) {
				problems.add(name + " is not valid YAML: " + ex.getOriginalMessage());
			}
		}
	}

	private void checkSymbolFiles(ZipFile file, Map<String, ZipArchiveEntry> entries, List<String> problems)
			throws IOException {
		Map<String, Set<String>> symbols = Map.of("sources", names(this.descriptor.sources()), "sinks",
				names(this.descriptor.sinks()), "functions", names(this.descriptor.functions()));
		for (ZipArchiveEntry entry : entries.values()) {
			String name = entry.getName();
			int slash = name.indexOf('/');
			Set<String> known = (slash > 0) ? symbols.get(name.substring(0, slash)) : null;
			if (known == null || entry.isDirectory()) {
				continue;
			}
			String fileName = name.substring(slash + 1);
			int dot = fileName.lastIndexOf('.');
			String symbol = (dot > 0) ? fileName.substring(0, dot) : fileName;
			if (!known.contains(symbol)) {
				problems.add(name + " belongs to no " + name.substring(0, slash) + " symbol of the code");
			}
			else if (name.endsWith(".json")) {
				checkMetadata(file, entry, name.startsWith("functions/"), problems);
			}
		}
	}

	private void checkMetadata(ZipFile file, ZipArchiveEntry entry, boolean function, List<String> problems)
			throws IOException {
		try (InputStream in = file.getInputStream(entry)) {
			JsonNode metadata = JsonFiles.mapper().readTree(in);
			if (!metadata.isObject()) {
				problems.add(entry.getName() + " is not a JSON object");
			}
			else if (!function && !metadata.path("about").isObject()) {
				problems.add(entry.getName() + " needs an \"about\" object, or eKuiper rejects its folder");
			}
		}
		catch (JacksonException ex) {
			problems.add(entry.getName() + " is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	private static Set<String> names(List<SymbolDescriptor> symbols) {
		Set<String> names = new HashSet<>();
		symbols.forEach((symbol) -> names.add(symbol.name()));
		return names;
	}

}
