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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.binding.ConfigBindingException.Problem;
import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.Texts;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Binds configurations with Jackson, for plugins that run without Spring
 * ({@code PluginRuntime.serve}). It follows the rules of the Spring Boot starter's binder
 * where they need no Spring:
 * <ul>
 * <li>a {@code Duration} reads {@code 500ms}, {@code 1s} or ISO-8601 ({@code PT1S}); a
 * bare number is milliseconds;</li>
 * <li>a whole number sent as a float ({@code 5.0}) binds to an {@code int}, but
 * {@code 1.5} fails rather than being cut;</li>
 * <li>an unset primitive takes its default ({@code 0}, {@code false});</li>
 * <li>enum constants match in any case;</li>
 * <li>defaults are what the type's constructor or field initialisers set.</li>
 * </ul>
 * Property names must match the Java names (eKuiper's camelCase keys).
 */
public final class JacksonConfigBinder implements ConfigBinder {

	private static final JsonMapper MAPPER = Json.mapper()
		.rebuild()
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.addModule(new SimpleModule("ekuiper-durations").addDeserializer(Duration.class, new DurationDeserializer()))
		.build();

	@Override
	public <T> T bind(Map<String, ?> config, Class<T> type) throws ConfigBindingException {
		try {
			return MAPPER.convertValue(wholeNumbers(config), type);
		}
		catch (JacksonException ex) {
			throw new ConfigBindingException(problem(ex, config));
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigBindingException(new Problem(null, null, Texts.describe(ex)));
		}
	}

	/**
	 * Turns floats that hold whole numbers into longs: eKuiper's values are JSON, where
	 * {@code 5} and {@code 5.0} are the same number, and Jackson refuses any float for an
	 * integer once truncation is off.
	 */
	private static Object wholeNumbers(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, element) -> copy.put(key, wholeNumbers(element)));
			return copy;
		}
		if (value instanceof Collection<?> collection) {
			List<Object> copy = new ArrayList<>(collection.size());
			collection.forEach((element) -> copy.add(wholeNumbers(element)));
			return copy;
		}
		if ((value instanceof Double || value instanceof Float) && isWhole(((Number) value).doubleValue())) {
			return ((Number) value).longValue();
		}
		return value;
	}

	private static boolean isWhole(double number) {
		return number == Math.rint(number) && Math.abs(number) < 0x1p63;
	}

	private static Problem problem(JacksonException ex, Map<String, ?> config) {
		StringBuilder property = new StringBuilder();
		Object value = config;
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				property.append(property.isEmpty() ? "" : ".").append(reference.getPropertyName());
				value = (value instanceof Map<?, ?> map) ? map.get(reference.getPropertyName()) : null;
			}
			else {
				property.append('[').append(reference.getIndex()).append(']');
				value = (value instanceof List<?> list && reference.getIndex() >= 0
						&& reference.getIndex() < list.size()) ? list.get(reference.getIndex()) : null;
			}
		}
		if (property.isEmpty()) {
			// Thrown by the configuration type itself, e.g. a record's compact
			// constructor.
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new Problem(null, null,
					(cause instanceof JacksonException jackson) ? jackson.getOriginalMessage() : Texts.describe(cause));
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return Problem.mismatch(property.toString(), value, mismatch.getTargetType());
		}
		Throwable cause = ex.getCause();
		String reason = (cause != null && !(cause instanceof JacksonException)) ? Texts.describe(cause)
				: ex.getOriginalMessage();
		return new Problem(property.toString(), value, reason);
	}

	/** Reads durations as Spring Boot does, see {@link Durations}. */
	private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {

		DurationDeserializer() {
			super(Duration.class);
		}

		@Override
		public Duration deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.hasToken(JsonToken.VALUE_STRING)) {
				String text = parser.getString();
				try {
					return Durations.parse(text);
				}
				catch (IllegalArgumentException ex) {
					return (Duration) context.handleWeirdStringValue(Duration.class, text, "not a duration");
				}
			}
			if (parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
				return Duration.ofMillis(parser.getLongValue());
			}
			return (Duration) context.handleUnexpectedToken(Duration.class, parser);
		}

	}

}
