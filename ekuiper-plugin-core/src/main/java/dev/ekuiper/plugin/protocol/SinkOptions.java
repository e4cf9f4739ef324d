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

import java.util.List;
import java.util.Map;

/**
 * The rule action properties that eKuiper itself reads for a portable sink, read the way
 * eKuiper reads them. eKuiper 2.4 binds the properties to {@code struct{ RequireAck bool
 * `json:"requireAck"` }} with {@code cast.MapToStruct}, which is mapstructure without
 * weak typing ({@code internal/plugin/portable/runtime/sink.go},
 * {@code pkg/cast/cast.go}): the key matches exactly or else case-insensitively, a
 * {@code null} counts as absent, and any value but a JSON boolean fails the rule's
 * creation, so eKuiper never sends such a start.
 */
public final class SinkOptions {

	/** The property's name as eKuiper's struct tag spells it. */
	public static final String REQUIRE_ACK = "requireAck";

	private SinkOptions() {
	}

	/**
	 * Reads {@code requireAck}. The exact key wins over keys that differ only in case, as
	 * in mapstructure; of several of those, the first in the map's order counts.
	 * @param properties the action's properties
	 * @return the flag, {@code false} when absent or {@code null}
	 * @throws ProtocolException with mapstructure's own error line, e.g.
	 * {@code 'requireAck' expected type 'bool', got unconvertible type 'string', value: 'true'},
	 * when the value is not a boolean
	 */
	public static boolean requireAck(Map<String, ?> properties) throws ProtocolException {
		Object value = properties.get(REQUIRE_ACK);
		if (value == null && !properties.containsKey(REQUIRE_ACK)) {
			for (Map.Entry<String, ?> property : properties.entrySet()) {
				if (REQUIRE_ACK.equalsIgnoreCase(property.getKey())) {
					value = property.getValue();
					break;
				}
			}
		}
		if (value == null) {
			return false;
		}
		if (value instanceof Boolean flag) {
			return flag;
		}
		throw new ProtocolException("'" + REQUIRE_ACK + "' expected type 'bool', got unconvertible type '"
				+ goType(value) + "', value: '" + Texts.clip(value) + "'");
	}

	/** The Go type that {@code encoding/json} gives a value of this kind. */
	private static String goType(Object value) {
		if (value instanceof Number) {
			return "float64";
		}
		if (value instanceof Map) {
			return "map[string]interface {}";
		}
		if (value instanceof List) {
			return "[]interface {}";
		}
		return "string";
	}

}
