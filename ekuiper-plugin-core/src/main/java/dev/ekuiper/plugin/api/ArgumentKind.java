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
package dev.ekuiper.plugin.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * What a function argument must be, and what {@link Function#exec} receives for it. A SQL
 * {@code null} passes as {@code null} whatever the kind.
 */
public enum ArgumentKind {

	/** Anything, unchecked: the value as decoded from eKuiper's JSON. */
	ANY("any"),

	/** A number, received as a {@link Double}. */
	NUMBER("number"),

	/** A whole number, received as a {@link Long}; {@code 1.5} is refused. */
	INTEGER("int"),

	/** A string, received as a {@link String}. */
	STRING("string"),

	/** A boolean, received as a {@link Boolean}. */
	BOOLEAN("bool"),

	/** An array, received as a {@link List}. */
	LIST("array"),

	/** An object, received as a {@link Map} with string keys. */
	MAP("object");

	private final String typeName;

	ArgumentKind(String typeName) {
		this.typeName = typeName;
	}

	/**
	 * Returns the type's name in eKuiper's function metadata ({@code functions/*.json}).
	 * @return e.g. {@code number} or {@code string}
	 */
	public String typeName() {
		return this.typeName;
	}

	/**
	 * Converts a value to this kind.
	 * @param value a value as decoded from eKuiper's JSON
	 * @return the value as this kind
	 * @throws IllegalArgumentException naming what the value is when it is not of this
	 * kind
	 */
	public Object convert(Object value) {
		if (value == null || this == ANY) {
			return value;
		}
		Object converted = switch (this) {
			case NUMBER -> (value instanceof Double) ? value
					: (value instanceof Number number) ? Double.valueOf(number.doubleValue()) : null;
			case INTEGER -> toLong(value);
			case STRING -> (value instanceof String) ? value : null;
			case BOOLEAN -> (value instanceof Boolean) ? value : null;
			case LIST -> (value instanceof List) ? value : null;
			case MAP -> (value instanceof Map) ? value : null;
			case ANY -> value;
		};
		if (converted == null) {
			throw new IllegalArgumentException("must be " + article(this.typeName) + ", got " + describe(value));
		}
		return converted;
	}

	private static Long toLong(Object value) {
		if (value instanceof Long whole) {
			return whole;
		}
		if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof Number number) {
			try {
				return new BigDecimal(number.toString()).longValueExact();
			}
			catch (ArithmeticException | NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** Names what a value is, the way a SQL user sees it. */
	private static String describe(Object value) {
		String shown = String.valueOf(value);
		shown = (shown.length() <= 32) ? shown : shown.substring(0, 32) + "…";
		if (value instanceof String) {
			return "a string '" + shown + "'";
		}
		if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
			return "a number " + shown;
		}
		if (value instanceof Number || value instanceof BigInteger) {
			return "an int " + shown;
		}
		if (value instanceof Boolean) {
			return "a bool " + shown;
		}
		if (value instanceof List) {
			return "an array";
		}
		if (value instanceof Map) {
			return "an object";
		}
		return "a " + value.getClass().getSimpleName();
	}

	private static String article(String name) {
		return (name.equals("int") || name.equals("array") || name.equals("object") || name.equals("any") ? "an "
				: "a ") + name;
	}

}
