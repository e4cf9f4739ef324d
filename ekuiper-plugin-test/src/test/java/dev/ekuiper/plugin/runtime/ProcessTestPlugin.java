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

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.conformance.ConformancePlugin;

/**
 * The plugin the child-process tests launch through a {@code #!/bin/sh} launcher: the
 * conformance symbols, plus source {@code flood}, which emits as fast as it can and
 * prints how long the first dropped emit waited, sink {@code slow}, a {@code collect}
 * that takes {@code delay} ms per message, and function {@code hog<suffix>}, which asks
 * for more heap than any JVM has.
 */
public final class ProcessTestPlugin {

	private ProcessTestPlugin() {
	}

	/**
	 * Serves the plugin as eKuiper launches it.
	 * @param args eKuiper's single argument
	 * @throws Exception if the runtime cannot start
	 */
	public static void main(String[] args) throws Exception {
		String suffix = System.getProperty(ConformancePlugin.SUFFIX_PROPERTY, "");
		PluginRuntime.serve(ConformancePlugin.builder(suffix)
			.source("flood", FloodSource::new)
			.sink("slow", SlowSink::new)
			.function("hog" + suffix, (arguments, context) -> new long[Integer.MAX_VALUE - 8])
			.build(), args);
	}

	/**
	 * The configuration of {@code flood}.
	 *
	 * @param size length of the padding in each record
	 */
	public record FloodConfig(Integer size) {
	}

	/**
	 * Emits padded records until stopped; prints how long the first dropped emit waited.
	 */
	public static final class FloodSource implements Source<FloodConfig> {

		private String pad = "";

		@Override
		public void configure(FloodConfig config) {
			this.pad = "x".repeat((config.size() != null) ? config.size() : 1024);
		}

		@Override
		public void open(SourceContext context) {
			boolean reported = false;
			for (long i = 0; context.isRunning(); i++) {
				long started = System.nanoTime();
				if (!context.emit(Map.of("i", i, "pad", this.pad)) && !reported && context.isRunning()) {
					reported = true;
					context.logger()
						.info("flood: emit dropped after {} ms",
								TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
				}
			}
		}

	}

	/**
	 * The configuration of {@code slow}.
	 *
	 * @param path the file rows are appended to
	 * @param delay milliseconds each collect takes
	 * @param requireAck whether messages are acknowledged
	 */
	public record SlowConfig(String path, Long delay, Boolean requireAck) {
	}

	/** A {@code collect} sink that takes {@code delay} ms per message. */
	public static final class SlowSink implements Sink<SlowConfig> {

		private final ConformancePlugin.CollectSink collect = new ConformancePlugin.CollectSink();

		private Duration delay = Duration.ZERO;

		@Override
		public void configure(SlowConfig config) {
			this.collect.configure(new ConformancePlugin.CollectConfig(config.path(), config.requireAck(), null));
			this.delay = Duration.ofMillis((config.delay() != null) ? config.delay() : 0);
		}

		@Override
		public void collect(SinkContext context, SinkMessage message) throws Exception {
			Thread.sleep(this.delay.toMillis());
			this.collect.collect(context, message);
			context.logger().info("slow: collected {}", message.text());
		}

		@Override
		public void close(SinkContext context) {
			context.logger().info("slow: closed");
		}

	}

}
