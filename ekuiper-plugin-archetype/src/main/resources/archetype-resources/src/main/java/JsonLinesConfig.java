package ${package};

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Configuration of the {@code jsonlines} sink, bound from the rule action's properties,
 * as in {@code "actions": [{"jsonlines": {"path": "/var/data/out.jsonl"}}]}.
 *
 * @param path the file to write to, relative to the plugin's folder unless absolute
 * @param append whether to keep what the file holds (otherwise it starts empty)
 */
public record JsonLinesConfig(
		@JsonPropertyDescription("File to write the rows to, one line of JSON each") String path,
		@JsonPropertyDescription("Keep what the file holds, or start it empty") Boolean append) {

	/**
	 * Applies the defaults to missing properties.
	 */
	public JsonLinesConfig {
		path = (path != null && !path.isBlank()) ? path : "${pluginName}.jsonl";
		append = (append != null) ? append : true;
	}

}
