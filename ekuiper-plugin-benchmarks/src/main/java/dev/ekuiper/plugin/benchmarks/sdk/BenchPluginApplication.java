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
package dev.ekuiper.plugin.benchmarks.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.api.Symbol;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

/**
 * The Java side of the end-to-end benchmark: plugin {@code bench}, a Spring Boot
 * application on the starter, as users write one. Its symbols match
 * {@code interop/python/bench/bench.py} (official Python SDK) and are made for speed:
 * source {@code bench_source} emits {@code {"n":i}} for i = 0..count-1 as fast as it can,
 * sink {@code bench_sink} only counts (the runtime acks when {@code requireAck} is set)
 * and touches {@code doneFile} once it has counted {@code expect} messages, function
 * {@code bench_echo} returns its first argument.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BenchPluginApplication {

	/** The plugin name, as installed in eKuiper. */
	public static final String NAME = "bench";

	/**
	 * Runs the plugin; eKuiper passes one JSON argument, {@code {"sendTimeout":1000}}.
	 * @param args the process arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BenchPluginApplication.class);
		application.setDefaultProperties(Map.of("ekuiper.plugin.name", NAME, "spring.main.banner-mode", "off"));
		application.run(args);
	}

	@Bean(name = "bench_source")
	@Scope(BeanDefinition.SCOPE_PROTOTYPE)
	@Symbol(description = "Emits count records {\"n\":i} as fast as it can, then idles")
	EmitSource benchSource() {
		return new EmitSource();
	}

	@Bean(name = "bench_sink")
	@Scope(BeanDefinition.SCOPE_PROTOTYPE)
	@Symbol(description = "Counts what it receives")
	CountSink benchSink() {
		return new CountSink();
	}

	@Bean(name = "bench_echo")
	@Symbol(description = "Returns its first argument")
	EchoFunction benchEcho() {
		return new EchoFunction();
	}

	/**
	 * The configuration of {@code bench_source}.
	 *
	 * @param count how many records to emit
	 */
	public record EmitConfig(Double count) {
	}

	/** Source {@code bench_source}. */
	public static final class EmitSource implements Source<EmitConfig> {

		private long count;

		@Override
		public void configure(EmitConfig config) {
			this.count = (config.count() != null) ? config.count().longValue() : 0;
		}

		@Override
		public void open(SourceContext context) throws InterruptedException {
			for (long i = 0; i < this.count && context.isRunning(); i++) {
				context.emit(Map.of("n", i));
			}
			while (!context.awaitStop(java.time.Duration.ofSeconds(1))) {
				// idle until stopped
			}
		}

	}

	/**
	 * The configuration of {@code bench_sink}.
	 *
	 * @param requireAck whether every message is acknowledged (by the runtime)
	 * @param expect after how many messages to touch {@code doneFile}; 0 for never
	 * @param doneFile the file to create
	 */
	public record CountConfig(Boolean requireAck, Double expect, String doneFile) {
	}

	/** Sink {@code bench_sink}. */
	public static final class CountSink implements Sink<CountConfig> {

		private final AtomicLong received = new AtomicLong();

		private long expect;

		private Path doneFile;

		@Override
		public void configure(CountConfig config) {
			this.expect = (config.expect() != null) ? config.expect().longValue() : 0;
			this.doneFile = (config.doneFile() != null && !config.doneFile().isEmpty()) ? Path.of(config.doneFile())
					: null;
		}

		@Override
		public void collect(SinkContext context, SinkMessage message) throws IOException {
			if (this.received.incrementAndGet() == this.expect && this.doneFile != null) {
				Files.writeString(this.doneFile, Long.toString(this.expect));
			}
		}

	}

	/** Function {@code bench_echo}. */
	public static final class EchoFunction implements Function {

		@Override
		public Object exec(List<Object> args, FunctionContext context) {
			return args.isEmpty() ? null : args.get(0);
		}

	}

}
