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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One message from a source as eKuiper decodes it: the {@code message} and {@code meta}
 * objects with numbers as {@link Double}, or the decode error eKuiper logs, counts and
 * skips.
 *
 * @param message the row; empty when the payload had no {@code message}; {@code null}
 * when it could not be decoded
 * @param meta the metadata; empty when {@code null} or missing; {@code null} when the
 * payload could not be decoded
 * @param raw the payload exactly as received
 * @param decodeError eKuiper's error text ({@code Invalid data format, cannot decode …}),
 * or {@code null}
 */
public record SourceTuple(Map<String, Object> message, Map<String, Object> meta, byte[] raw, String decodeError) {

	private static final String WRAPPER = "messageWrapper";

	private static final String MAP_TYPE = "map[string]interface {}";

	/**
	 * Returns whether eKuiper would ingest this payload as a row.
	 * @return {@code true} unless it failed to decode
	 */
	public boolean isValid() {
		return this.decodeError == null;
	}

	/**
	 * Returns the payload as text.
	 * @return the raw payload decoded as UTF-8
	 */
	public String rawText() {
		return new String(this.raw, StandardCharsets.UTF_8);
	}

	/** Decodes a payload the way eKuiper's portable source does. */
	static SourceTuple decode(byte[] raw) {
		try {
			JsonNode root = GoJson.parse(raw);
			if (root.isNull()) {
				return new SourceTuple(Map.of(), Map.of(), raw, null);
			}
			if (!root.isObject()) {
				return invalid(raw, GoJson.valueTypeError(root, "runtime." + WRAPPER));
			}
			Map<String, Object> message = object(root, "message");
			Map<String, Object> meta = object(root, "meta");
			return new SourceTuple(message, meta, raw, null);
		}
		catch (GoJson.InvalidJsonException ex) {
			return invalid(raw, ex.getMessage());
		}
	}

	/** Decodes a struct field of type map, merging repeated keys as Go does. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> object(JsonNode root, String field) throws GoJson.InvalidJsonException {
		Map<String, Object> result = null;
		for (JsonNode value : GoJson.fieldValues(root, field)) {
			if (value.isNull()) {
				result = null;
			}
			else if (value.isObject()) {
				result = (result != null) ? result : new LinkedHashMap<>();
				result.putAll((Map<String, Object>) GoJson.value(value));
			}
			else {
				throw new GoJson.InvalidJsonException(GoJson.fieldTypeError(value, WRAPPER + "." + field, MAP_TYPE));
			}
		}
		return (result != null) ? result : Map.of();
	}

	private static SourceTuple invalid(byte[] raw, String reason) {
		String text = new String(raw, StandardCharsets.UTF_8);
		return new SourceTuple(null, null, raw,
				"Invalid data format, cannot decode " + text + " to json format with error " + reason);
	}

}
