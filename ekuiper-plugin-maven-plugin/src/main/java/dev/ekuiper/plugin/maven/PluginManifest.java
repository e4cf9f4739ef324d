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
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plugin's {@code <plugin>.json}, which eKuiper's installer reads first. A Java
 * plugin is declared as language {@code go}, so that eKuiper executes the launcher script
 * directly.
 */
final class PluginManifest {

	/** The language eKuiper needs to run an executable directly. */
	static final String LANGUAGE = "go";

	private PluginManifest() {
	}

	/**
	 * Renders the manifest.
	 * @param pluginName the plugin name, which is also the launcher's file name
	 * @param version the version eKuiper shows
	 * @param descriptor the plugin's symbols
	 * @return the file content
	 */
	static byte[] render(String pluginName, String version, PluginDescriptor descriptor) {
		ObjectNode manifest = JsonFiles.mapper().createObjectNode();
		manifest.put("version", version);
		manifest.put("language", LANGUAGE);
		manifest.put("executable", pluginName);
		manifest.set("sources", names(descriptor.sources()));
		manifest.set("sinks", names(descriptor.sinks()));
		manifest.set("functions", names(descriptor.functions()));
		return JsonFiles.bytes(manifest);
	}

	private static ArrayNode names(List<SymbolDescriptor> symbols) {
		ArrayNode names = JsonFiles.mapper().createArrayNode();
		symbols.forEach((symbol) -> names.add(symbol.name()));
		return names;
	}

}
