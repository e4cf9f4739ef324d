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
package dev.ekuiper.plugin.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.api.Acknowledgment;
import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.runtime.PluginRuntime;

/**
 * The conformance plugin of {@code interop/python/conformance}, written with the
 * plain-Java API: source {@code counter}, sink {@code collect} and function
 * {@code revert}, with the same configuration, records, rows and results. Launched as
 * eKuiper launches a {@code language:"go"} plugin, through a {@code #!/bin/sh} launcher
 * ({@link JavaPluginLauncher}).
 *
 * <p>
 * The system property {@value #SUFFIX_PROPERTY} is appended to the plugin name and the
 * function name, so that runs sharing eKuiper's fixed {@code /tmp} socket folder (this
 * one, the Python SDK plugin's, another build's) never meet on the same socket.
 */
public final class ConformancePlugin {

	/** The plugin name, as the Python plugin's. */
	public static final String NAME = "conformance";

	/** The system property holding the suffix of the plugin and function names. */
	public static final String SUFFIX_PROPERTY = "conformance.suffix";

	private ConformancePlugin() {
	}

	/**
	 * Serves the plugin; eKuiper passes {@code {"sendTimeout":1000}}.
	 * @param args the process arguments
	 * @throws Exception if the runtime cannot start
	 */
	public static void main(String[] args) throws Exception {
		PluginRuntime.serve(definition(System.getProperty(SUFFIX_PROPERTY, "")), args);
	}

	/**
	 * Returns the plugin.
	 * @param suffix appended to the plugin name and the function name; empty for the
	 * Python plugin's names
	 * @return the definition
	 */
	public static PluginDefinition definition(String suffix) {
		return builder(suffix).build();
	}

	/**
	 * Returns a builder holding the conformance symbols, for plugins that add more.
	 * @param suffix appended to the plugin name and the function name
	 * @return the builder
	 */
	public static PluginDefinition.Builder builder(String suffix) {
		return PluginDefinition.builder(NAME + suffix)
			.source("counter", CounterSource::new)
			.sink("collect", CollectSink::new)
			.function("revert" + suffix, new RevertFunction())
			.describe("counter", "Emits count numbered records, interval ms apart, then idles")
			.describe("collect", "Appends every row as one JSON line to a file")
			.describe("revert" + suffix, "Reverses its argument as a string");
	}

	/**
	 * The configuration of {@code counter}. Numbers may arrive as {@code 3}, {@code 3.0}
	 * or {@code "3"}.
	 *
	 * @param count how many records to emit (default 10)
	 * @param interval milliseconds between records (default 10)
	 */
	public record CounterConfig(Double count, Double interval) {
	}

	/**
	 * Source {@code counter}: record i (i = 0..count-1) is {@code {"n":i,"text":"rec-i"}}
	 * with meta {@code {"seq":i}}. After the last record it stays open, without emitting,
	 * until the host stops it.
	 */
	public static final class CounterSource implements Source<CounterConfig> {

		private long count;

		private long interval;

		@Override
		public void configure(CounterConfig config) {
			this.count = nonNegativeInteger("count", config.count(), 10);
			this.interval = nonNegativeInteger("interval", config.interval(), 10);
		}

		@Override
		public void open(SourceContext context) throws InterruptedException {
			for (long i = 0; i < this.count && context.isRunning(); i++) {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("n", i);
				record.put("text", "rec-" + i);
				context.emit(record, Map.of("seq", i));
				if (i < this.count - 1 && this.interval > 0 && context.awaitStop(Duration.ofMillis(this.interval))) {
					return;
				}
			}
			context.logger().info("counter emitted {} records, idling", this.count);
			while (!context.awaitStop(Duration.ofSeconds(1))) {
				// idle until stopped
			}
		}

		private static long nonNegativeInteger(String key, Double value, long defaultValue) {
			if (value == null) {
				return defaultValue;
			}
			if (value < 0 || value != Math.rint(value) || value > Long.MAX_VALUE) {
				throw new IllegalArgumentException("counter: " + key + " must be a non-negative integer, got " + value);
			}
			return value.longValue();
		}

	}

	/**
	 * The configuration of {@code collect}.
	 *
	 * @param path the file rows are appended to (required)
	 * @param requireAck whether every payload is acknowledged (the runtime does it)
	 * @param deferAck whether rows are written, and acknowledged, later on another thread
	 */
	public record CollectConfig(String path, Boolean requireAck, Boolean deferAck) {
	}

	/**
	 * Sink {@code collect}: a JSON array payload appends each element as one compact JSON
	 * line to {@code path}, a JSON object appends one line; anything else fails the
	 * collect, which the runtime reports in the ack when {@code requireAck} is set. With
	 * {@code deferAck} each payload's rows are written on a writer thread, which then
	 * acknowledges the payload through its deferred handle.
	 */
	public static final class CollectSink implements Sink<CollectConfig> {

		private static final Object LOCK = new Object();

		private Path path;

		private ExecutorService writer;

		@Override
		public void configure(CollectConfig config) {
			if (config.path() == null || config.path().isEmpty()) {
				throw new IllegalArgumentException("collect: property 'path' is required");
			}
			this.path = Path.of(config.path());
			if (Boolean.TRUE.equals(config.deferAck())) {
				this.writer = Executors.newSingleThreadExecutor();
			}
		}

		@Override
		public void close(SinkContext context) throws InterruptedException {
			if (this.writer != null) {
				this.writer.shutdown();
				this.writer.awaitTermination(5, TimeUnit.SECONDS);
			}
		}

		@Override
		public void collect(SinkContext context, SinkMessage message) throws IOException {
			if (!message.isJson()) {
				throw new IllegalArgumentException("collect: payload is not JSON: " + clip(message.text()));
			}
			List<Map<String, Object>> rows;
			try {
				rows = message.rows();
			}
			catch (IllegalStateException ex) {
				throw new IllegalArgumentException("collect: payload must be a JSON object or array", ex);
			}
			StringBuilder text = new StringBuilder();
			for (Map<String, Object> row : rows) {
				text.append(Json.mapper().writeValueAsString(row)).append('\n');
			}
			if (this.writer == null) {
				write(text);
				return;
			}
			Acknowledgment ack = context.deferAck();
			this.writer.execute(() -> {
				try {
					write(text);
					ack.ok();
				}
				catch (IOException ex) {
					ack.error("collect: " + ex.getMessage());
				}
			});
		}

		private void write(CharSequence text) throws IOException {
			synchronized (LOCK) {
				Files.writeString(this.path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
		}

		private static String clip(String text) {
			return (text.length() <= 64) ? text : text.substring(0, 64) + "…";
		}

	}

	/**
	 * Function {@code revert}: returns its argument reversed as a string (non-strings are
	 * JSON-encoded first, {@code null} stays {@code null}); accepts exactly one argument;
	 * not an aggregate.
	 */
	public static final class RevertFunction implements Function {

		@Override
		public void validate(List<Object> args) {
			int count = (args != null) ? args.size() : 0;
			if (count != 1) {
				throw new IllegalArgumentException("revert expects exactly 1 argument, got " + count);
			}
		}

		@Override
		public Object exec(List<Object> args, FunctionContext context) {
			validate(args);
			Object value = args.get(0);
			if (value == null) {
				return null;
			}
			String text = (value instanceof String string) ? string : Json.mapper().writeValueAsString(value);
			return new StringBuilder(text).reverse().toString();
		}

	}

}
