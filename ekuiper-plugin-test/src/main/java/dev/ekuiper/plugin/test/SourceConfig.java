package dev.ekuiper.plugin.test;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Completes a source config the way eKuiper's {@code GetSourceConf} finishes it: the
 * stream options {@code format}, {@code key}, {@code datasource}, {@code schemaId},
 * {@code delimiter}, {@code retainSize}, {@code strictValidation}, {@code timestamp} and
 * {@code timestampFormat} are always set. A value given in the config stands for the
 * stream's option; a missing one gets the value of an unset option.
 */
final class SourceConfig {

	private static final Map<String, Object> UNSET_STREAM_OPTIONS = unsetStreamOptions();

	private SourceConfig() {
	}

	static Map<String, Object> withStreamOptions(Map<String, ?> config) {
		Map<String, Object> result = new LinkedHashMap<>();
		if (config != null) {
			result.putAll(config);
		}
		UNSET_STREAM_OPTIONS.forEach(result::putIfAbsent);
		Object format = result.get("format");
		String text = (format != null) ? format.toString() : "";
		result.put("format", text.isEmpty() ? "json" : text.toLowerCase(Locale.ROOT));
		return result;
	}

	private static Map<String, Object> unsetStreamOptions() {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("format", "json");
		options.put("key", "");
		options.put("datasource", "");
		options.put("schemaId", "");
		options.put("delimiter", "");
		options.put("retainSize", 0);
		options.put("strictValidation", false);
		options.put("timestamp", "");
		options.put("timestampFormat", "");
		return options;
	}

}
