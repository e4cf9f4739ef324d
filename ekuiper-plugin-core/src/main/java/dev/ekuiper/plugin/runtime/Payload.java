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
package dev.ekuiper.plugin.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.Texts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A sink message decoded on first use.
 */
final class Payload implements SinkMessage {

	private final byte[] bytes;

	private JsonNode tree;

	Payload(byte[] bytes) {
		this.bytes = bytes;
	}

	@Override
	public byte[] bytes() {
		return this.bytes;
	}

	@Override
	public String text() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

	@Override
	public boolean isJson() {
		JsonNode node = tryTree();
		return node != null && (node.isObject() || node.isArray());
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<Map<String, Object>> rows() {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (JsonNode row : rowNodes()) {
			rows.add(Json.mapper().convertValue(row, Map.class));
		}
		return rows;
	}

	@Override
	public <T> List<T> rows(Class<T> type) {
		List<T> rows = new ArrayList<>();
		for (JsonNode row : rowNodes()) {
			try {
				rows.add(Json.mapper().convertValue(row, type));
			}
			catch (JacksonException ex) {
				throw new IllegalStateException(
						"Row cannot be bound to " + type.getSimpleName() + ": " + Texts.clip(ex.getOriginalMessage()),
						ex);
			}
		}
		return rows;
	}

	@Override
	public String toString() {
		return text();
	}

	private List<JsonNode> rowNodes() {
		JsonNode node = tryTree();
		if (node == null) {
			throw new IllegalStateException("Payload is not JSON: " + Texts.clip(text()));
		}
		List<JsonNode> rows = new ArrayList<>();
		if (node.isObject()) {
			rows.add(node);
			return rows;
		}
		if (!node.isArray()) {
			throw new IllegalStateException("Payload is neither a JSON object nor an array: " + Texts.clip(text()));
		}
		for (JsonNode row : node) {
			if (!row.isObject()) {
				throw new IllegalStateException("Payload array holds a non-object: " + Texts.clip(row));
			}
			rows.add(row);
		}
		return rows;
	}

	private JsonNode tryTree() {
		if (this.tree == null) {
			try {
				this.tree = Json.mapper().readTree(this.bytes);
			}
			catch (JacksonException ex) {
				return null;
			}
		}
		return this.tree;
	}

}
