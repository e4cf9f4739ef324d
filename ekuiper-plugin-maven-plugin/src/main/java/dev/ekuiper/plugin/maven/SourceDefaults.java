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
