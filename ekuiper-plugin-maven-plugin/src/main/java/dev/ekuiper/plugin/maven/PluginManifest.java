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
