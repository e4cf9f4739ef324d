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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.ekuiper.plugin.protocol.SinkOptions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link DevMode} runs: named streams, each reading one source with the stream's
 * properties, and the rules that read them, as in a scenario file:
 *
 * <pre class="code">
 * {
 *   "streams": {
 *     "readings": { "source": "sensor", "properties": { "period": 200 } }
 *   },
 *   "rules": [
 *     { "id": "fahrenheit", "stream": "readings", "function": "c2f", "args": ["temperature"],
 *       "sink": "jsonfile", "properties": { "path": "target/dev/rows.jsonl" } },
 *     { "id": "stats", "stream": "readings", "function": "stats", "args": ["temperature"],
 *       "window": 5 }
 *   ]
 * }
 * </pre>
 *
 * <p>
 * Each rule gets its own source instance, as in eKuiper. A rule's sink gets its
 * {@code properties}, with {@code requireAck} true unless set. An aggregate function is
 * called once per window of {@code window} rows (5 unless set), with each argument a list
 * of one value per row, as eKuiper calls it in {@code GROUP BY CountWindow(n)}.
 *
 * @param streams the streams by name
 * @param rules the rules, at least one
 */
public record DevModeScenario(Map<String, Stream> streams, List<Rule> rules) {

	/** The stream of a scenario built from symbol names. */
	public static final String DEFAULT_STREAM = "devstream";

	/** The rule of a scenario built from symbol names. */
	public static final String DEFAULT_RULE = "devmode";

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	/**
	 * Creates a scenario, checking that every rule reads a declared stream and that rule
	 * ids are unique.
	 * @param streams the streams by name
	 * @param rules the rules
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public DevModeScenario {
		streams = (streams != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(streams)) : Map.of();
		streams.forEach((name, stream) -> {
			if (stream == null || stream.source() == null || stream.source().isBlank()) {
				throw new IllegalArgumentException("Stream '" + name + "' needs a source");
			}
		});
		if (rules == null || rules.isEmpty() || rules.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException("A dev mode scenario needs at least one rule");
		}
		Set<String> ids = new HashSet<>();
		for (Rule rule : rules) {
			if (!ids.add(rule.id())) {
				throw new IllegalArgumentException("Two rules have the id '" + rule.id() + "'");
			}
			if (!streams.containsKey(rule.stream())) {
				throw new IllegalArgumentException("Rule '" + rule.id() + "' reads the stream '" + rule.stream()
						+ "', which is not declared; streams: " + streams.keySet());
			}
		}
		rules = List.copyOf(rules);
	}

	/**
	 * Creates a scenario of one rule over one stream, with no properties.
	 * @param source the source symbol
	 * @param function the function symbol, or {@code null} for none
	 * @param args the record fields passed to the function
	 * @param window for an aggregate function, the rows per call; 0 for the default
	 * @param sink the sink symbol, or {@code null} for none
	 * @return the scenario
	 */
	public static DevModeScenario of(String source, String function, List<String> args, int window, String sink) {
		return new DevModeScenario(Map.of(DEFAULT_STREAM, new Stream(source, null)),
				List.of(new Rule(DEFAULT_RULE, DEFAULT_STREAM, function, args, window, sink, null)));
	}

	/**
	 * Reads a scenario from a JSON file.
	 * @param file the file
	 * @return the scenario
	 * @throws IllegalArgumentException if it cannot be read or is not a valid scenario
	 */
	public static DevModeScenario read(Path file) {
		try {
			return from(MAPPER.readValue(Files.readAllBytes(file), Object.class), file.toString());
		}
		catch (IOException | JacksonException ex) {
			throw new IllegalArgumentException("Cannot read the dev mode scenario " + file + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Makes a scenario from a parsed file, such as YAML read into maps and lists.
	 * @param tree the file's content
	 * @param origin where it came from, for error messages
	 * @return the scenario
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static DevModeScenario from(Object tree, String origin) {
		try {
			return MAPPER.convertValue(tree, DevModeScenario.class);
		}
		catch (JacksonException ex) {
			String message = (ex.getCause() instanceof IllegalArgumentException invalid) ? invalid.getMessage()
					: ex.getOriginalMessage() + " (at " + ex.getPathReference() + ")";
			throw new IllegalArgumentException("Invalid dev mode scenario " + origin + ": " + message, ex);
		}
	}

	/**
	 * A stream: {@code CREATE STREAM name () WITH (TYPE="source")} with properties.
	 *
	 * @param source the source symbol
	 * @param properties the source instance's configuration
	 */
	public record Stream(String source, Map<String, Object> properties) {

		/**
		 * Creates a stream with a copy of its properties.
		 * @param source the source symbol
		 * @param properties the configuration, or {@code null} for none
		 */
		public Stream {
			properties = Collections.unmodifiableMap(copy(properties));
		}

	}

	/**
	 * A rule: {@code SELECT *, function(args) FROM stream} with a sink action, or for an
	 * aggregate function
	 * {@code SELECT function(args) FROM stream GROUP BY CountWindow(window)}.
	 *
	 * @param id the rule id
	 * @param stream the stream it reads
	 * @param function the function symbol, or {@code null} for none
	 * @param args the record fields passed to the function
	 * @param window for an aggregate function, the rows per call; 0 for the default
	 * @param sink the sink symbol, or {@code null} for none
	 * @param properties the sink action's properties
	 */
	public record Rule(String id, String stream, String function, List<String> args, int window, String sink,
			Map<String, Object> properties) {

		/** Rows per call of an aggregate function when a rule does not say. */
		public static final int DEFAULT_WINDOW = 5;

		/**
		 * Creates a rule; {@code requireAck} is added to the sink's properties unless
		 * set.
		 * @param id the rule id
		 * @param stream the stream it reads
		 * @param function the function symbol, or {@code null} for none
		 * @param args the record fields passed to the function
		 * @param window the rows per call of an aggregate function; 0 for the default
		 * @param sink the sink symbol, or {@code null} for none
		 * @param properties the sink action's properties
		 * @throws IllegalArgumentException if the id or stream is missing or the window
		 * negative
		 */
		public Rule {
			if (id == null || id.isBlank()) {
				throw new IllegalArgumentException("A rule needs an id");
			}
			if (stream == null || stream.isBlank()) {
				throw new IllegalArgumentException("Rule '" + id + "' needs a stream");
			}
			if (window < 0) {
				throw new IllegalArgumentException("Rule '" + id + "' has a negative window: " + window);
			}
			function = blankToNull(function);
			sink = blankToNull(sink);
			args = (args != null) ? List.copyOf(args) : List.of();
			Map<String, Object> action = copy(properties);
			// eKuiper reads the key case-insensitively: a "requireack" given counts as
			// given.
			if (action.keySet().stream().noneMatch(SinkOptions.REQUIRE_ACK::equalsIgnoreCase)) {
				action.put(SinkOptions.REQUIRE_ACK, true);
			}
			properties = Collections.unmodifiableMap(action);
		}

		/**
		 * Returns the rows per aggregate call.
		 * @return {@link #window()}, or {@link #DEFAULT_WINDOW} when unset
		 */
		public int windowOrDefault() {
			return (this.window > 0) ? this.window : DEFAULT_WINDOW;
		}

		private static String blankToNull(String symbol) {
			return (symbol == null || symbol.isBlank() || symbol.equalsIgnoreCase("none")) ? null : symbol;
		}

	}

	private static Map<String, Object> copy(Map<String, Object> properties) {
		return (properties != null) ? new LinkedHashMap<>(properties) : new LinkedHashMap<>();
	}

}
