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

/**
 * The kinds of symbol, as named in a command's {@code pluginType}.
 */
public enum PluginType {

	/** A source, {@code "source"}. */
	SOURCE("source"),

	/** A sink, {@code "sink"}. */
	SINK("sink"),

	/** A function, {@code "func"} (never {@code "function"}). */
	FUNCTION("func");

	private final String wireName;

	PluginType(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * Returns the name used on the wire.
	 * @return {@code source}, {@code sink} or {@code func}
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Finds the type for a wire name.
	 * @param wireName the {@code pluginType} value
	 * @return the type
	 * @throws ProtocolException if the name is not one of the three
	 */
	public static PluginType fromWireName(String wireName) throws ProtocolException {
		for (PluginType type : values()) {
			if (type.wireName.equals(wireName)) {
				return type;
			}
		}
		throw new ProtocolException("Unknown pluginType '" + Texts.clip(wireName) + "': expected source, sink or func");
	}

}
