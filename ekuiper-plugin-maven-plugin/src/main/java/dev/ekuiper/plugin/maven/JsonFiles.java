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

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.core.util.Separators.Spacing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the JSON files of a plugin package: indented, UTF-8, ending with a newline.
 */
final class JsonFiles {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.defaultPrettyPrinter(prettyPrinter())
		.build();

	private JsonFiles() {
	}

	/**
	 * Lays out files like eKuiper's own: {@code "name": value}, one array element a line.
	 */
	private static DefaultPrettyPrinter prettyPrinter() {
		Separators separators = Separators.createDefaultInstance()
			.withObjectNameValueSpacing(Spacing.AFTER)
			.withObjectEmptySeparator("")
			.withArrayEmptySeparator("");
		DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
		return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
	}

	/**
	 * Returns the mapper, for building and reading trees.
	 * @return the mapper
	 */
	static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Renders a tree as the content of a file.
	 * @param tree the document
	 * @return its bytes
	 */
	static byte[] bytes(JsonNode tree) {
		return (MAPPER.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8);
	}

}
