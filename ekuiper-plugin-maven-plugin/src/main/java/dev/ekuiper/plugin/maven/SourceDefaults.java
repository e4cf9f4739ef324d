package dev.ekuiper.plugin.maven;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ekuiper.plugin.descriptor.PropertyDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * A source's {@code sources/<source>.yaml}: its {@code default} section holds every
 * property that has a default, which eKuiper passes to each instance unless a stream's
 * {@code CONF_KEY} section or options override it. Strings are always quoted, so a value
 * such as {@code "true"} or {@code "1"} stays a string.
 */
final class SourceDefaults {

	private static final YAMLMapper MAPPER = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.disable(YAMLWriteFeature.SPLIT_LINES)
		.enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
		.build();

	private SourceDefaults() {
	}

	/**
	 * Renders the configuration file of a source.
	 * @param source the source
	 * @return the file content
	 */
	static byte[] render(SymbolDescriptor source) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (PropertyDescriptor property : source.properties()) {
			if (property.defaultValue() != null) {
				defaults.put(property.name(), property.defaultValue());
			}
		}
		String header = "# Configuration of the source '" + source.name() + "', generated from its code.\n"
				+ "# The default section applies to every stream; add sections to pick with CONF_KEY.\n";
		return (header + MAPPER.writeValueAsString(Map.of("default", defaults))).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns the mapper, for reading such files back.
	 * @return the mapper
	 */
	static YAMLMapper mapper() {
		return MAPPER;
	}

}
