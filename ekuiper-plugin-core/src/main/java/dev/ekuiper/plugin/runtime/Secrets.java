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

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ekuiper.plugin.api.Secret;

/**
 * The secret values of one configuration: properties marked {@link Secret} on the
 * configuration type, and properties named like a secret at any depth of the map. Texts
 * pass through it before they are logged or sent to the host.
 */
final class Secrets {

	/** What a secret value is shown as. */
	static final String MASK = "******";

	private static final Secrets NONE = new Secrets(List.of());

	private static final String[] SECRET_WORDS = { "password", "passwd", "secret", "token", "credential", "apikey",
			"privatekey", "accesskey" };

	/**
	 * A secret-named JSON key (quotes possibly escaped, as inside a command's arg) and
	 * its value.
	 */
	private static final Pattern SECRET_IN_JSON = Pattern.compile(
			"(\\\\?\"[^\"\\\\]*(?:"
					+ "pass(?:word|wd)|secret|token|credential|api[_.-]?key|private[_.-]?key|access[_.-]?key"
					+ ")[^\"\\\\]*\\\\?\"\\s*:\\s*)(\\\\?\"(?:[^\"\\\\]|\\\\[^\"])*\\\\?\"|[^,}\\]\\s\\\\]+)",
			Pattern.CASE_INSENSITIVE);

	/** Secret values, longest first so that one inside another is masked whole. */
	private final List<String> values;

	private Secrets(List<String> values) {
		this.values = values;
	}

	/**
	 * Finds the secrets of a configuration.
	 * @param config the host's properties
	 * @param type the configuration type the properties are bound to, or {@code null}
	 * @return the secrets, possibly none
	 */
	static Secrets of(Map<String, ?> config, Class<?> type) {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		if (type != null) {
			names.addAll(markedProperties(type));
		}
		List<String> values = new ArrayList<>();
		collect(config, names, values);
		if (values.isEmpty()) {
			return NONE;
		}
		values.sort((a, b) -> Integer.compare(b.length(), a.length()));
		return new Secrets(values);
	}

	/**
	 * Returns whether a property name reads as a secret.
	 * @param name the property name
	 * @return {@code true} for names like {@code password}, {@code apiToken},
	 * {@code secret_key}
	 */
	static boolean isSecretName(String name) {
		String normalized = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
		for (String word : SECRET_WORDS) {
			if (normalized.contains(word)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Masks secret values found in a JSON text by key, for text that did not parse as a
	 * command (only secret-named keys can be recognised there).
	 * @param json a JSON text, possibly broken or cut short
	 * @return the text with the value of every secret-named key masked
	 */
	static String maskJson(String json) {
		Matcher matcher = SECRET_IN_JSON.matcher(json);
		if (!matcher.find()) {
			return json;
		}
		StringBuilder masked = new StringBuilder();
		do {
			matcher.appendReplacement(masked, Matcher.quoteReplacement(matcher.group(1) + "\"" + MASK + "\""));
		}
		while (matcher.find());
		matcher.appendTail(masked);
		return masked.toString();
	}

	/**
	 * Returns whether there is any secret.
	 * @return {@code true} if some value is masked
	 */
	boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * Masks every secret value in a text.
	 * @param text an error text or log line, or {@code null}
	 * @return the text with each secret value replaced by {@value #MASK}
	 */
	String redact(String text) {
		if (text == null || this.values.isEmpty()) {
			return text;
		}
		String redacted = text;
		for (String value : this.values) {
			redacted = redacted.replace(value, MASK);
		}
		return redacted;
	}

	/**
	 * Returns a start failure with its message redacted.
	 * @param ex the failure
	 * @return the same failure when nothing was masked, else a copy with the masked
	 * message
	 */
	StartException redact(StartException ex) {
		String message = redact(ex.getMessage());
		// The cause is dropped: its message holds the value.
		return message.equals(ex.getMessage()) ? ex : new StartException(message);
	}

	private static void collect(Map<?, ?> config, Set<String> names, List<String> values) {
		if (config == null) {
			return;
		}
		config.forEach((key, value) -> {
			String name = String.valueOf(key);
			if (value != null && (names.contains(name) || isSecretName(name))) {
				addValues(value, values);
			}
			else if (value instanceof Map<?, ?> nested) {
				collect(nested, Set.of(), values);
			}
		});
	}

	private static void addValues(Object value, List<String> values) {
		if (value instanceof Map<?, ?> map) {
			map.values().forEach((element) -> addValues(element, values));
			return;
		}
		if (value instanceof Collection<?> collection) {
			collection.forEach((element) -> addValues(element, values));
			return;
		}
		String text = String.valueOf(value);
		if (!text.isEmpty()) {
			values.add(text);
		}
	}

	private static Set<String> markedProperties(Class<?> type) {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.isAnnotationPresent(Secret.class)
						|| component.getAccessor().isAnnotationPresent(Secret.class)) {
					names.add(component.getName());
				}
			}
			return names;
		}
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && field.isAnnotationPresent(Secret.class)) {
					names.add(field.getName());
				}
			}
		}
		return names;
	}

}
