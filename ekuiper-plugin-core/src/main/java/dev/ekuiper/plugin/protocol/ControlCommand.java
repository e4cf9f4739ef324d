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
package dev.ekuiper.plugin.protocol;

import java.util.Collections;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A command from the host on the control channel:
 * {@code {"cmd":"start"|"stop","arg":"<JSON text>"}}, with the argument decoded.
 *
 * @param start {@code true} for start, {@code false} for stop
 * @param symbolName the symbol
 * @param type the symbol's kind
 * @param meta the rule operator it is for
 * @param config the properties (empty for functions)
 */
public record ControlCommand(boolean start, String symbolName, PluginType type, SymbolMeta meta,
		Map<String, Object> config) {

	/**
	 * Parses a command. Every problem becomes a {@link ProtocolException} whose message
	 * is fit for the error answer.
	 * @param bytes the message from the host
	 * @return the command
	 * @throws ProtocolException if it is not a well-formed command
	 */
	public static ControlCommand parse(byte[] bytes) throws ProtocolException {
		JsonNode root = readObject(bytes, "Command");
		String cmd = text(root, "cmd", "Command");
		boolean start;
		if ("start".equals(cmd)) {
			start = true;
		}
		else if ("stop".equals(cmd)) {
			start = false;
		}
		else {
			throw new ProtocolException("Unknown cmd '" + Texts.clip(cmd) + "': expected start or stop");
		}
		JsonNode argNode = root.get("arg");
		if (argNode == null || !argNode.isString()) {
			throw new ProtocolException("Command arg must be a JSON text in a string");
		}
		JsonNode arg = readObject(argNode.asString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "Command arg");
		String symbol = text(arg, "symbolName", "Command arg");
		PluginType type = PluginType.fromWireName(text(arg, "pluginType", "Command arg"));
		JsonNode metaNode = arg.get("meta");
		SymbolMeta meta = SymbolMeta.NONE;
		if (metaNode != null && !metaNode.isNull()) {
			if (!metaNode.isObject()) {
				throw new ProtocolException("Command meta must be an object");
			}
			JsonNode instance = metaNode.get("instanceId");
			if (instance != null && !instance.isNull() && !instance.canConvertToInt()) {
				throw new ProtocolException("Command meta instanceId must be an integer");
			}
			meta = new SymbolMeta(optionalText(metaNode, "ruleId"), optionalText(metaNode, "opId"),
					(instance == null || instance.isNull()) ? 0 : instance.asInt());
		}
		JsonNode configNode = arg.get("config");
		Map<String, Object> config = Collections.emptyMap();
		if (configNode != null && !configNode.isNull()) {
			if (!configNode.isObject()) {
				throw new ProtocolException("Command config must be an object");
			}
			config = Json.mapper().convertValue(configNode, MapType.INSTANCE);
		}
		return new ControlCommand(start, symbol, type, meta, config);
	}

	private static JsonNode readObject(byte[] bytes, String what) throws ProtocolException {
		JsonNode node;
		try {
			node = Json.mapper().readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new ProtocolException(what + " is not valid JSON: " + Texts.clip(ex.getOriginalMessage()));
		}
		if (node == null || !node.isObject()) {
			throw new ProtocolException(what + " must be a JSON object");
		}
		return node;
	}

	private static String text(JsonNode node, String field, String what) throws ProtocolException {
		JsonNode value = node.get(field);
		if (value == null || !value.isString()) {
			throw new ProtocolException(what + " needs a string '" + field + "'");
		}
		return value.asString();
	}

	private static String optionalText(JsonNode node, String field) throws ProtocolException {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return "";
		}
		if (!value.isString()) {
			throw new ProtocolException("Command meta " + field + " must be a string");
		}
		return value.asString();
	}

	/** The map type for configuration, resolved once. */
	private static final class MapType extends tools.jackson.core.type.TypeReference<Map<String, Object>> {

		static final MapType INSTANCE = new MapType();

	}

}
