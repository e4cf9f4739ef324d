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
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as text, the way Spring Boot reads them: {@code 500ms}, {@code 1s},
 * {@code 2m} (units {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h},
 * {@code d}; milliseconds when none is given) or ISO-8601 such as {@code PT1S}.
 */
public final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("([+-]?\\d+)([a-zA-Z]{0,2})");

	private static final Pattern ISO = Pattern.compile("[+-]?[pP].*");

	private static final String[] SUFFIXES = { "d", "h", "m", "s", "ms", "us", "ns" };

	private static final ChronoUnit[] UNITS = { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
			ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS };

	private Durations() {
	}

	/**
	 * Reads a duration.
	 * @param text e.g. {@code 500ms}, {@code 1s}, {@code 250} or {@code PT1S}
	 * @return the duration
	 * @throws IllegalArgumentException if the text is no duration
	 */
	public static Duration parse(String text) {
		String value = text.strip();
		Matcher simple = SIMPLE.matcher(value);
		try {
			if (simple.matches()) {
				long amount = Long.parseLong(simple.group(1));
				String suffix = simple.group(2).toLowerCase(Locale.ROOT);
				if (suffix.isEmpty()) {
					return Duration.ofMillis(amount);
				}
				for (int i = 0; i < SUFFIXES.length; i++) {
					if (SUFFIXES[i].equals(suffix)) {
						return Duration.of(amount, UNITS[i]);
					}
				}
			}
			else if (ISO.matcher(value).matches()) {
				return Duration.parse(value);
			}
		}
		catch (DateTimeParseException | ArithmeticException | NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a duration", ex);
		}
		throw new IllegalArgumentException("'" + text + "' is not a duration");
	}

	/**
	 * Writes a duration in the largest unit that holds it exactly, e.g. {@code 1s},
	 * {@code 1500ms} or {@code 2h}.
	 * @param duration the duration
	 * @return its text, which {@link #parse} reads back
	 */
	public static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		for (int i = 0; i < UNITS.length - 1; i++) {
			Duration unit = UNITS[i].getDuration();
			long count = duration.dividedBy(unit);
			if (unit.multipliedBy(count).equals(duration)) {
				return count + SUFFIXES[i];
			}
		}
		return duration.dividedBy(ChronoUnit.NANOS.getDuration()) + "ns";
	}

}
