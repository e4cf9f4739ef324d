package dev.ekuiper.plugin.demo.sensor;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Configuration of the {@code jsonfile} sink, bound from the rule action's properties.
 *
 * @param path the file to append to, relative to the plugin's folder unless absolute
 */
public record JsonFileSinkConfig(
		@JsonPropertyDescription("File to append the rows to, one JSON object per line") String path) {

	/**
	 * Applies the defaults to missing properties.
	 */
	public JsonFileSinkConfig {
		path = (path != null && !path.isBlank()) ? path : "demo.jsonl";
	}

}
