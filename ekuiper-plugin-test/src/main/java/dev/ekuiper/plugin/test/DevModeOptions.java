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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@link DevMode} runs.
 *
 * @param jar the plugin's executable jar
 * @param plugin the plugin name, its {@code ekuiper.plugin.name}
 * @param scenario the streams and rules
 * @param records how many records to run for, or 0 for no limit
 * @param duration how long to run for, or {@code null} for no limit
 * @param initTimeout how long to wait for the plugin's handshake
 * @param jvmArguments extra options for the plugin's JVM
 */
public record DevModeOptions(Path jar, String plugin, DevModeScenario scenario, long records, Duration duration,
		Duration initTimeout, List<String> jvmArguments) {

	/** How long dev mode waits for the plugin's handshake unless told. */
	public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(60);

	private static final Set<String> OPTIONS = Set.of("--jar", "--plugin", "--scenario", "--source", "--function",
			"--args", "--window", "--sink", "--records", "--duration", "--init-timeout", "--jvm-arg");

	static final String USAGE = """
			Usage: DevMode --jar <file> --plugin <name> (--scenario <file> | --source <symbol> [options])
			Runs an eKuiper plugin jar against an embedded eKuiper host, with no eKuiper installed:
			starts a source, calls a function on each record, sends the row to a sink with
			requireAck, and prints one JSON line per record on stdout until Ctrl-C:
			  {"source":{...},"function":<result>,"ack":{}}
			Logs, the plugin's included, go to stderr; a summary is printed on exit.

			Options:
			  --jar <file>            the plugin's executable jar
			  --plugin <name>         the plugin name, its ekuiper.plugin.name
			  --scenario <file>       streams and rules with their properties, a JSON file
			  --source <symbol>       the source to start
			  --function <symbol>     the function to call on each record (default: none)
			  --args <fields>         comma-separated fields of the record passed to the function
			  --window <n>            rows per call of an aggregate function (default: 5)
			  --sink <symbol>         the sink to send each row to, with requireAck (default: none)
			  --records <n>           stop after n records
			  --duration <time>       stop after this long: 500ms, 30s, 5m, 1h or ISO-8601 (PT30S)
			  --init-timeout <time>   how long to wait for the plugin's handshake (default: 60s)
			  --jvm-arg <option>      an option for the plugin's JVM; repeatable
			  --help                  print this text
			""";

	/**
	 * Creates options.
	 * @param jar the plugin's executable jar
	 * @param plugin the plugin name
	 * @param scenario the streams and rules
	 * @param records how many records to run for, or 0 for no limit
	 * @param duration how long to run for, or {@code null} for no limit
	 * @param initTimeout how long to wait for the handshake, or {@code null} for 60 s
	 * @param jvmArguments extra options for the plugin's JVM, or {@code null} for none
	 * @throws IllegalArgumentException if the jar does not exist or a bound is invalid
	 */
	public DevModeOptions {
		if (jar == null || !Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("No plugin jar at " + ((jar != null) ? jar.toAbsolutePath() : null));
		}
		if (plugin == null || plugin.isBlank()) {
			throw new IllegalArgumentException("The plugin name is missing");
		}
		if (scenario == null) {
			throw new IllegalArgumentException("The scenario is missing");
		}
		if (records < 0) {
			throw new IllegalArgumentException("The record count must not be negative, got " + records);
		}
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw new IllegalArgumentException("The duration must be positive, got " + duration);
		}
		initTimeout = (initTimeout != null) ? initTimeout : DEFAULT_INIT_TIMEOUT;
		jvmArguments = (jvmArguments != null) ? List.copyOf(jvmArguments) : List.of();
	}

	/**
	 * Parses a command line.
	 * @param args the arguments
	 * @return the options, or {@code null} if only the usage was asked for
	 * @throws IllegalArgumentException naming the option at fault
	 */
	static DevModeOptions parse(String... args) {
		Map<String, String> values = new LinkedHashMap<>();
		List<String> jvmArguments = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (option.equals("--help") || option.equals("-h")) {
				return null;
			}
			if (!OPTIONS.contains(option)) {
				throw new IllegalArgumentException("Unknown option '" + option + "'");
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Option " + option + " needs a value");
			}
			String value = args[++i];
			if (option.equals("--jvm-arg")) {
				jvmArguments.add(value);
			}
			else {
				values.put(option, value);
			}
		}
		String jar = required(values, "--jar");
		return new DevModeOptions(Path.of(jar), required(values, "--plugin"), scenario(values),
				count("--records", values.get("--records")), duration("--duration", values.get("--duration")),
				duration("--init-timeout", values.get("--init-timeout")), jvmArguments);
	}

	private static DevModeScenario scenario(Map<String, String> values) {
		String file = values.get("--scenario");
		if (file != null) {
			for (String option : List.of("--source", "--function", "--args", "--window", "--sink")) {
				if (values.containsKey(option)) {
					throw new IllegalArgumentException("Option " + option + " goes in the scenario file " + file);
				}
			}
			return DevModeScenario.read(Path.of(file));
		}
		return DevModeScenario.of(required(values, "--source"), values.get("--function"),
				fields(values.getOrDefault("--args", "")), (int) count("--window", values.get("--window")),
				values.get("--sink"));
	}

	private static String required(Map<String, String> values, String option) {
		String value = values.get(option);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Option " + option + " is required");
		}
		return value;
	}

	/**
	 * Splits a comma-separated list of fields.
	 * @param value the list
	 * @return the fields, trimmed, without empty ones
	 */
	static List<String> fields(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((field) -> !field.isEmpty()).toList();
	}

	private static long count(String option, String value) {
		if (value == null) {
			return 0;
		}
		try {
			long count = Long.parseLong(value.trim());
			if (count > 0 && count <= Integer.MAX_VALUE) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("Option " + option + " needs a positive number, got " + value);
	}

	/**
	 * Parses a duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or
	 * ISO-8601's {@code PT30S}.
	 * @param option the option, for the error message
	 * @param value the text, or {@code null}
	 * @return the duration, or {@code null} for none
	 * @throws IllegalArgumentException if the text is not a positive duration
	 */
	public static Duration duration(String option, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim().toLowerCase(Locale.ROOT);
		try {
			Duration duration;
			if (text.startsWith("p")) {
				duration = Duration.parse(text.toUpperCase(Locale.ROOT));
			}
			else if (text.endsWith("ms")) {
				duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
			}
			else {
				long amount = Long.parseLong(text.substring(0, text.length() - 1));
				duration = switch (text.charAt(text.length() - 1)) {
					case 's' -> Duration.ofSeconds(amount);
					case 'm' -> Duration.ofMinutes(amount);
					case 'h' -> Duration.ofHours(amount);
					default -> throw new IllegalArgumentException();
				};
			}
			if (!duration.isNegative() && !duration.isZero()) {
				return duration;
			}
		}
		catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException ex) {
			// reported below
		}
		throw new IllegalArgumentException("Option " + option + " needs a duration such as 30s, got " + value);
	}

}
