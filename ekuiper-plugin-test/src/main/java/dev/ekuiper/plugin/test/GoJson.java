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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as eKuiper's Go code sees it: maps are written with sorted keys, numbers decode as
 * {@code float64} ({@link Double}), struct fields match keys case-insensitively, and type
 * mismatches are reported with Go's wording.
 */
final class GoJson {

	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private GoJson() {
	}

	/**
	 * Encodes a value as Go's {@code json.Marshal} would for the same shapes, whole
	 * {@code float64} values included ({@code 2021}, not {@code 2021.0}).
	 */
	static byte[] encode(Object value) {
		return MAPPER.writeValueAsBytes(GoNumbers.display(value));
	}

	/** Encodes a value as JSON text, like {@link #encode}. */
	static String encodeText(Object value) {
		return MAPPER.writeValueAsString(GoNumbers.display(value));
	}

	/**
	 * Parses a document.
	 * @throws InvalidJsonException with the reason, if it is not exactly one JSON value
	 */
	static JsonNode parse(byte[] bytes) throws InvalidJsonException {
		try {
			JsonNode node = MAPPER.readTree(bytes);
			if (node == null || node.isMissingNode()) {
				throw new InvalidJsonException("unexpected end of JSON input");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new InvalidJsonException(ex.getOriginalMessage());
		}
	}

	/** Converts a node to the value Go decodes into {@code interface{}}. */
	static Object value(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				map.put(property.getKey(), value(property.getValue()));
			}
			return map;
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>(node.size());
			for (JsonNode element : node) {
				list.add(value(element));
			}
			return list;
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.stringValue();
	}

	/**
	 * Returns the values of the keys that Go would decode into a struct field, in order.
	 */
	static List<JsonNode> fieldValues(JsonNode object, String field) {
		List<JsonNode> values = new ArrayList<>(1);
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			if (property.getKey().equalsIgnoreCase(field)) {
				values.add(property.getValue());
			}
		}
		return values;
	}

	/** Returns Go's name for the kind of a JSON value, as used in its type errors. */
	static String kind(JsonNode node) {
		return switch (node.getNodeType()) {
			case OBJECT, POJO -> "object";
			case ARRAY -> "array";
			case NUMBER -> "number";
			case BOOLEAN -> "bool";
			default -> "string";
		};
	}

	/** Returns Go's message for a value of the wrong kind at the top level. */
	static String valueTypeError(JsonNode node, String goType) {
		return "json: cannot unmarshal " + kind(node) + " into Go value of type " + goType;
	}

	/** Returns Go's message for a struct field holding a value of the wrong kind. */
	static String fieldTypeError(JsonNode node, String structField, String goType) {
		return "json: cannot unmarshal " + kind(node) + " into Go struct field " + structField + " of type " + goType;
	}

	/** A payload that Go's decoder rejects, with the reason. */
	static final class InvalidJsonException extends Exception {

		InvalidJsonException(String reason) {
			super(reason, null, false, false);
		}

	}

}
