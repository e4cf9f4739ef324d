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
package dev.ekuiper.plugin.binding;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.Texts;
import tools.jackson.core.JacksonException;

/**
 * A configuration that cannot be bound, with one {@link Problem} per property at fault.
 * Its text is one line, e.g.
 * {@code property 'period' = 'fast': expected a Duration such as 500ms or PT1S}, which
 * the runtime puts after the symbol's name in the error answer.
 */
public final class ConfigBindingException extends Exception {

	private static final Map<Class<?>, String> WHOLE_NUMBERS = Map.of(byte.class, "byte", Byte.class, "byte",
			short.class, "short", Short.class, "short", int.class, "int", Integer.class, "int", long.class, "long",
			Long.class, "long");

	/** What could not be bound, one entry per property. */
	private final List<Problem> problems;

	/**
	 * Creates an exception for one problem.
	 * @param problem what is wrong
	 */
	public ConfigBindingException(Problem problem) {
		this(List.of(problem));
	}

	/**
	 * Creates an exception for several problems.
	 * @param problems what is wrong, at least one
	 */
	public ConfigBindingException(List<Problem> problems) {
		super((String) null);
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("a binding failure needs a problem");
		}
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems.
	 * @return one per property at fault, at least one
	 */
	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * Returns the one-line text, with every value passed through a mask before it is
	 * shortened, so no part of a secret shows.
	 * @param mask replaces secret values in a text
	 * @return the problems, separated by {@code ;}
	 */
	public String detail(UnaryOperator<String> mask) {
		return this.problems.stream().map((problem) -> problem.text(mask)).collect(Collectors.joining("; "));
	}

	/**
	 * Returns the one-line text with values unmasked; the runtime shows
	 * {@link #detail(UnaryOperator)} instead.
	 * @return the text
	 */
	@Override
	public String getMessage() {
		return detail(UnaryOperator.identity());
	}

	/**
	 * Says what a property of a type must look like, for a value that cannot be
	 * converted.
	 * @param type the property's type
	 * @return a text such as {@code expected a Duration such as 500ms or PT1S}
	 */
	public static String expected(Class<?> type) {
		return "expected " + expectedValue(type);
	}

	private static String expectedValue(Class<?> type) {
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		String wholeNumber = WHOLE_NUMBERS.get(type);
		if (wholeNumber != null) {
			return "a whole number (" + wholeNumber + ")";
		}
		if (type == java.math.BigInteger.class) {
			return "a whole number";
		}
		if (type == float.class || type == double.class || Number.class.isAssignableFrom(type)) {
			return "a number";
		}
		if (type == char.class || type == Character.class) {
			return "a single character";
		}
		if (type == String.class) {
			return "a text";
		}
		if (type == Duration.class) {
			return "a Duration such as 500ms or PT1S";
		}
		if (type.isEnum()) {
			String constants = Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name())
				.collect(Collectors.joining(", "));
			return "one of " + Texts.clip(constants);
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "a list";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "an object";
		}
		return "a " + type.getSimpleName();
	}

	/**
	 * What is wrong with one property.
	 *
	 * @param property the property as the configuration names it, e.g. {@code period} or
	 * {@code limits.max}, or {@code null} when the configuration as a whole is refused
	 * @param value the value given, or {@code null} when none was
	 * @param reason what was expected, e.g. {@code expected a whole number (int)} or
	 * {@code must be greater than or equal to 1}
	 */
	public record Problem(String property, Object value, String reason) {

		/**
		 * Describes a value that cannot be converted to a property's type.
		 * @param property the property
		 * @param value the value given
		 * @param type the property's type
		 * @return the problem
		 */
		public static Problem mismatch(String property, Object value, Class<?> type) {
			return new Problem(property, value, expected(type));
		}

		/**
		 * Renders the problem: {@code property 'p' = 'value': reason}.
		 * @param mask replaces secret values in a text
		 * @return one line
		 */
		public String text(UnaryOperator<String> mask) {
			String shownReason = Texts.clip(mask.apply(this.reason));
			if (this.property == null) {
				return shownReason;
			}
			StringBuilder text = new StringBuilder("property '").append(Texts.clip(this.property)).append("'");
			if (this.value != null) {
				String shown = Texts.clip(mask.apply(valueText(this.value)));
				text.append(" = ").append((this.value instanceof CharSequence) ? "'" + shown + "'" : shown);
			}
			return text.append(": ").append(shownReason).toString();
		}

		private static String valueText(Object value) {
			if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
				try {
					return Json.mapper().writeValueAsString(value);
				}
				catch (JacksonException ex) {
					return String.valueOf(value);
				}
			}
			return String.valueOf(value);
		}

	}

}
