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
