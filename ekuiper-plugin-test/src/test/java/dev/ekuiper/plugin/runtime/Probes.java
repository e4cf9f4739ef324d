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
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.conformance.ConformancePlugin;

/**
 * Symbols whose behaviour the test picks through their configuration or arguments: they
 * emit, collect and answer normally, or throw, or hang until the test ends, in each step
 * of their life. Everything they do is recorded for assertions.
 */
public final class Probes {

	/** Released when the test ends, so hung symbols do not outlive it. */
	public final CountDownLatch release = new CountDownLatch(1);

	/**
	 * Released by the test (or when it ends) to end a collect that ignores interrupts.
	 */
	public final CountDownLatch unstick = new CountDownLatch(1);

	public final AtomicInteger sourcesCreated = new AtomicInteger();

	public final AtomicInteger sinksCreated = new AtomicInteger();

	public final AtomicInteger sourcesClosed = new AtomicInteger();

	public final AtomicInteger sinksClosed = new AtomicInteger();

	/** Collects that wait for {@link #unstick}. */
	public final AtomicInteger stuckCollects = new AtomicInteger();

	/** Every collected payload as {@code <sink instance>: <text>}. */
	public final BlockingQueue<String> collected = new LinkedBlockingQueue<>();

	/** How long each emit took that returned {@code false}, in milliseconds. */
	final List<Long> droppedEmitMillis = new CopyOnWriteArrayList<>();

	/** How many emits returned {@code true}, over every probe source. */
	public final AtomicInteger sentRecords = new AtomicInteger();

	/** The configs the probe sinks were bound to. */
	final List<ProbeConfig> sinkConfigs = new CopyOnWriteArrayList<>();

	/**
	 * The plugin: source and sink {@code probe}, functions {@code probe} and
	 * {@code revert}.
	 * @param name the plugin name
	 * @return the definition
	 */
	public PluginDefinition definition(String name) {
		return PluginDefinition.builder(name)
			.source("probe", () -> new ProbeSource(this.sourcesCreated.incrementAndGet()))
			.sink("probe", () -> new ProbeSink(this.sinksCreated.incrementAndGet()))
			.function("probe", new ProbeFunction())
			.function("revert", new ConformancePlugin.RevertFunction())
			.build();
	}

	/** Hangs until the test releases it, ignoring interrupts. */
	void awaitUnstick() {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		boolean interrupted = false;
		while (this.unstick.getCount() > 0 && System.nanoTime() < deadline) {
			try {
				this.unstick.await(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Hangs until the test ends; an interrupt ends it early, as a cancelled set-up does.
	 */
	void hang() throws InterruptedException {
		this.release.await(1, TimeUnit.MINUTES);
	}

	/**
	 * What a probe does.
	 *
	 * @param failIn the step that throws: {@code configure}, {@code open},
	 * {@code collect}
	 * @param hangIn the step that hangs: {@code configure}, {@code open},
	 * {@code collect}, {@code close}
	 * @param count records a source emits, -1 for as many as it can until stopped
	 * (default 3)
	 * @param size length of the {@code pad} text in each record (default 0)
	 * @param delay milliseconds each collect takes (default 0)
	 */
	record ProbeConfig(String failIn, String hangIn, Integer count, Integer size, Long delay) {

		ProbeConfig {
			if (count != null && count < -1) {
				throw new IllegalArgumentException("count must not be below -1, got " + count);
			}
			count = (count != null) ? count : 3;
			size = (size != null) ? size : 0;
			delay = (delay != null) ? delay : 0L;
		}

	}

	final class ProbeSource implements Source<ProbeConfig> {

		private final int id;

		private ProbeConfig config;

		ProbeSource(int id) {
			this.id = id;
		}

		@Override
		public void configure(ProbeConfig config) throws Exception {
			this.config = config;
			step("configure");
		}

		@Override
		public void open(SourceContext context) throws Exception {
			step("open");
			String pad = "x".repeat(this.config.size());
			for (int i = 0; (this.config.count() < 0 || i < this.config.count()) && context.isRunning(); i++) {
				long started = System.nanoTime();
				Map<String, Object> record = (pad.isEmpty()) ? Map.of("i", i, "instance", this.id)
						: Map.of("i", i, "instance", this.id, "pad", pad);
				if (context.emit(record, Map.of("rule", context.ruleId()))) {
					Probes.this.sentRecords.incrementAndGet();
				}
				else if (context.isRunning()) {
					Probes.this.droppedEmitMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
				}
			}
			context.awaitStop(Duration.ofMinutes(1));
		}

		@Override
		public void close(SourceContext context) throws Exception {
			Probes.this.sourcesClosed.incrementAndGet();
			if ("close".equals(this.config.hangIn())) {
				hang();
			}
		}

		private void step(String step) throws Exception {
			if (step.equals(this.config.failIn())) {
				throw new IllegalStateException("probe source failed in " + step);
			}
			if (step.equals(this.config.hangIn())) {
				hang();
			}
		}

	}

	final class ProbeSink implements Sink<ProbeConfig> {

		private final int id;

		private ProbeConfig config;

		ProbeSink(int id) {
			this.id = id;
		}

		@Override
		public void configure(ProbeConfig config) throws Exception {
			this.config = config;
			Probes.this.sinkConfigs.add(config);
			step("configure");
		}

		@Override
		public void open(SinkContext context) throws Exception {
			step("open");
		}

		@Override
		public void collect(SinkContext context, SinkMessage message) throws Exception {
			if ("collect".equals(this.config.failIn())) {
				throw new IllegalStateException("hard disk full");
			}
			if ("collect".equals(this.config.hangIn()) && message.text().contains("stuck")) {
				Probes.this.stuckCollects.incrementAndGet();
				awaitUnstick();
			}
			if ("collect".equals(this.config.hangIn()) && message.text().contains("hang")) {
				hang();
			}
			if (this.config.delay() > 0) {
				Thread.sleep(this.config.delay());
			}
			Probes.this.collected.add(this.id + ": " + message.text());
		}

		@Override
		public void close(SinkContext context) throws Exception {
			Probes.this.sinksClosed.incrementAndGet();
			if ("close".equals(this.config.hangIn())) {
				hang();
			}
		}

		private void step(String step) throws Exception {
			if (step.equals(this.config.failIn())) {
				throw new IllegalStateException("probe sink failed in " + step);
			}
			if (step.equals(this.config.hangIn())) {
				hang();
			}
		}

	}

	/** A result whose serialisation fails. */
	static final class Unencodable {

		public String getValue() {
			throw new IllegalStateException("no value");
		}

	}

	/**
	 * Function {@code probe}: its first argument picks what it does: {@code throw},
	 * {@code error} (throws an {@link Error}), {@code hang}, {@code late} (takes 1 s
	 * whatever interrupts it, then answers), {@code unencodable}, anything else is
	 * echoed.
	 */
	final class ProbeFunction implements Function {

		@Override
		public Object exec(List<Object> args, FunctionContext context) throws Exception {
			Object what = args.isEmpty() ? null : args.get(0);
			if ("throw".equals(what)) {
				throw new IllegalStateException("hopeless input");
			}
			if ("hang".equals(what)) {
				hang();
				return "released";
			}
			if ("error".equals(what)) {
				throw new AssertionError("broken invariant");
			}
			if ("stuck".equals(what)) {
				awaitUnstick();
				return "unstuck";
			}
			if ("late".equals(what)) {
				long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
				while (System.nanoTime() < until) {
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
				}
				return "late";
			}
			if ("unencodable".equals(what)) {
				return new Unencodable();
			}
			return what;
		}

	}

}
