package dev.ekuiper.plugin.demo.sensor;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the {@code jsonfile} sink, bound from the rule action's properties.
 *
 * @param path the file to append to, relative to the plugin's folder unless absolute
 */
@Validated
public record JsonFileSinkConfig(
		@JsonPropertyDescription("File to append the rows to, one JSON object per line") @DefaultValue("demo.jsonl") @NotBlank String path) {
}
