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
