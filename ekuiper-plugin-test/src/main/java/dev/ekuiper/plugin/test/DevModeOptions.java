package dev.ekuiper.plugin.test;

import java.io.IOException;
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
import java.util.stream.Stream;

import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.SinkOptions;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * What {@link DevMode} runs, from its command line. The defaults run the demo plugin:
 * the {@code sensor} source, {@code c2f(temperature)} and the {@code jsonfile} sink.
 *
 * @param jar the plugin's executable jar
 * @param plugin the plugin name
 * @param source the source symbol
 * @param sourceConfig the stream's properties
 * @param function the function symbol, or {@code null} for none
 * @param arguments the row fields passed to the function
 * @param sink the sink symbol, or {@code null} for none
 * @param sinkConfig the rule action's properties, {@code requireAck} included
 * @param records how many records to run for, or 0 for no limit
 * @param duration how long to run for, or {@code null} for no limit
 * @param initTimeout how long to wait for the plugin's handshake
 * @param jvmArguments extra options for the plugin's JVM
 * @param help whether only the usage was asked for
 */
record DevModeOptions(Path jar, String plugin, String source, Map<String, Object> sourceConfig, String function,
		List<String> arguments, String sink, Map<String, Object> sinkConfig, long records, Duration duration,
		Duration initTimeout, List<String> jvmArguments, boolean help) {

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private static final Set<String> OPTIONS = Set.of("--jar", "--plugin", "--source", "--source-config",
			"--function", "--args", "--sink", "--sink-config", "--records", "--duration", "--init-timeout",
			"--jvm-arg");

	static final String USAGE = """
			Usage: DevMode [options]
			Runs an eKuiper plugin jar against an embedded eKuiper host, with no eKuiper installed:
			starts a source, calls a function on each record, sends the row to a sink with
			requireAck, and prints one JSON line per record on stdout until Ctrl-C:
			  {"source":{...},"function":<result>,"ack":{}}
			Logs, the plugin's included, go to stderr.

			Options:
			  --jar <file>            the plugin's executable jar (default: the only *.jar in ./target)
			  --plugin <name>         the plugin name, its ekuiper.plugin.name (default: demo)
			  --source <symbol>       the source to start (default: sensor)
			  --source-config <json>  the stream's properties, a JSON object (default: {})
			  --function <symbol>     the function to call on each record, or none (default: c2f)
			  --args <fields>         comma-separated fields of the record passed as the
			                          function's arguments (default: temperature)
			  --sink <symbol>         the sink to send each row to, or none (default: jsonfile)
			  --sink-config <json>    the rule action's properties, a JSON object; requireAck is
			                          true unless set (default: {})
			  --records <n>           stop after n records
			  --duration <time>       stop after this long: 500ms, 30s, 5m, 1h or ISO-8601 (PT30S)
			  --init-timeout <time>   how long to wait for the plugin's handshake (default: 60s)
			  --jvm-arg <option>      an option for the plugin's JVM; repeatable
			  --help                  print this text
			""";

	/**
	 * Parses a command line.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException naming the option at fault
	 */
	static DevModeOptions parse(String... args) {
		Map<String, String> values = new LinkedHashMap<>();
		List<String> jvmArguments = new ArrayList<>();
		boolean help = false;
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (option.equals("--help") || option.equals("-h")) {
				help = true;
				continue;
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
		if (help) {
			return new DevModeOptions(null, null, null, Map.of(), null, List.of(), null, Map.of(), 0, null, null,
					List.of(), true);
		}
		return new DevModeOptions(jar(values.get("--jar")), values.getOrDefault("--plugin", "demo"),
				values.getOrDefault("--source", "sensor"), object("--source-config", values.get("--source-config")),
				none(values.getOrDefault("--function", "c2f")), fields(values.getOrDefault("--args", "temperature")),
				none(values.getOrDefault("--sink", "jsonfile")), sinkConfig(values.get("--sink-config")),
				count(values.get("--records")), duration("--duration", values.get("--duration")),
				durationOr(values.get("--init-timeout"), Duration.ofSeconds(60)), List.copyOf(jvmArguments), help);
	}

	private static Path jar(String value) {
		if (value != null) {
			Path jar = Path.of(value);
			if (!Files.isRegularFile(jar)) {
				throw new IllegalArgumentException("No jar at " + jar.toAbsolutePath());
			}
			return jar;
		}
		Path target = Path.of("target");
		List<Path> jars = List.of();
		if (Files.isDirectory(target)) {
			try (Stream<Path> files = Files.list(target)) {
				jars = files.filter((file) -> file.getFileName().toString().endsWith(".jar")).toList();
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("Cannot list " + target.toAbsolutePath() + ": " + ex.getMessage());
			}
		}
		if (jars.size() != 1) {
			throw new IllegalArgumentException("Give the plugin's jar with --jar (found " + jars.size()
					+ " jar(s) in " + target.toAbsolutePath() + ")");
		}
		return jars.get(0);
	}

	private static Map<String, Object> object(String option, String json) {
		if (json == null || json.isBlank()) {
			return new LinkedHashMap<>();
		}
		try {
			Map<String, Object> value = Json.mapper().readValue(json, MAP);
			return (value != null) ? value : new LinkedHashMap<>();
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Option " + option + " needs a JSON object, got " + json);
		}
	}

	private static Map<String, Object> sinkConfig(String json) {
		Map<String, Object> config = object("--sink-config", json);
		// eKuiper reads the key case-insensitively: a "requireack" given counts as given.
		if (config.keySet().stream().noneMatch(SinkOptions.REQUIRE_ACK::equalsIgnoreCase)) {
			config.put(SinkOptions.REQUIRE_ACK, true);
		}
		return config;
	}

	private static String none(String symbol) {
		return symbol.equalsIgnoreCase("none") ? null : symbol;
	}

	private static List<String> fields(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((field) -> !field.isEmpty()).toList();
	}

	private static long count(String value) {
		if (value == null) {
			return 0;
		}
		try {
			long count = Long.parseLong(value);
			if (count > 0) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("Option --records needs a positive number, got " + value);
	}

	private static Duration durationOr(String value, Duration fallback) {
		return (value != null) ? duration("--init-timeout", value) : fallback;
	}

	static Duration duration(String option, String value) {
		if (value == null) {
			return null;
		}
		String text = value.trim().toLowerCase(Locale.ROOT);
		try {
			if (text.startsWith("p")) {
				return Duration.parse(text.toUpperCase(Locale.ROOT));
			}
			if (text.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
			}
			long amount = Long.parseLong(text.substring(0, text.length() - 1));
			return switch (text.charAt(text.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 'h' -> Duration.ofHours(amount);
				default -> throw new IllegalArgumentException();
			};
		}
		catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException ex) {
			throw new IllegalArgumentException("Option " + option + " needs a duration such as 30s, got " + value);
		}
	}

}
