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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.ekuiper.plugin.api.Acknowledgment;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.test.Ack;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Acks a sink defers with {@link SinkContext#deferAck()} and gives later, from another
 * thread: they leave in message order, an overdue one (the function timeout is 2 s here)
 * and those still open at stop are answered with an error, a second answer is ignored.
 * Unlike eKuiper, the embedded host sends without waiting for each ack, so several are
 * open at once.
 */
class DeferredAckTests extends RuntimeTestSupport {

	private static final Duration QUIET = Duration.ofMillis(200);

	/** The handles the {@code defer} sink took, in message order. */
	private final BlockingQueue<Acknowledgment> handles = new LinkedBlockingQueue<>();

	private final AtomicReference<SinkContext> context = new AtomicReference<>();

	/** A function timeout long enough for the checks that nothing is sent meanwhile. */
	@Override
	RuntimeSettings settings() {
		return super.settings().withSymbolTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2),
				Duration.ofSeconds(1));
	}

	@Override
	PluginRuntime newRuntime(RuntimeSettings settings) {
		PluginDefinition definition = PluginDefinition.builder(PLUGIN)
			.source("probe", () -> this.probes.new ProbeSource(this.probes.sourcesCreated.incrementAndGet()))
			.sink("defer", DeferringSink::new)
			.build();
		return new PluginRuntime(definition, settings, this.observer);
	}

	@Test
	void acksGivenOutOfOrderFromAnotherThreadLeaveInMessageOrder() throws Exception {
		SinkConnection sink = this.host.startSink("defer", "rule1", "defer_0", Map.of("requireAck", true));
		List<Acknowledgment> taken = sendAndTake(sink, 3);
		CompletableFuture.runAsync(() -> taken.get(2).ok()).get(5, TimeUnit.SECONDS);
		assertThat(sink.pollAck(QUIET)).as("the third waits for the first two").isEmpty();
		CompletableFuture.runAsync(() -> taken.get(0).error("disk full")).get(5, TimeUnit.SECONDS);
		assertThat(sink.awaitAck(WAIT).error()).isEqualTo("sink 'defer': disk full");
		assertThat(sink.pollAck(QUIET)).as("the third still waits for the second").isEmpty();
		taken.get(1).ok();
		assertThat(sink.awaitAck(WAIT).outcome()).isEqualTo(Ack.Outcome.SUCCESS);
		assertThat(sink.awaitAck(WAIT).outcome()).isEqualTo(Ack.Outcome.SUCCESS);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.acks).containsExactly(false, true, true));
		sink.stop();
	}

	@Test
	void ackOfACollectThatDidNotDeferWaitsForAnEarlierDeferredOne() throws Exception {
		SinkConnection sink = this.host.startSink("defer", "rule1", "defer_0", Map.of("requireAck", true));
		Acknowledgment first = sendAndTake(sink, 1).get(0);
		sink.sendRow(Map.of("mode", "return"));
		assertThat(sink.pollAck(QUIET)).isEmpty();
		first.error("late");
		assertThat(sink.awaitAck(WAIT).error()).isEqualTo("sink 'defer': late");
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		sink.stop();
	}

	@Test
	void deferredAckNotGivenWithinTheTimeoutIsAnsweredWithAnErrorAndALateAnswerIsIgnored() throws Exception {
		SinkConnection sink = this.host.startSink("defer", "rule1", "defer_0", Map.of("requireAck", true));
		Acknowledgment forgotten = sendAndTake(sink, 1).get(0);
		assertThat(sink.awaitAck(WAIT).error()).isEqualTo("sink 'defer': not acknowledged within 2000 ms");
		forgotten.ok();
		Acknowledgment next = sendAndTake(sink, 1).get(0);
		next.ok();
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThat(sink.pollAck(QUIET)).as("the late answer sent nothing").isEmpty();
		sink.stop();
	}

	@Test
	void secondAnswerIsIgnored() throws Exception {
		SinkConnection sink = this.host.startSink("defer", "rule1", "defer_0", Map.of("requireAck", true));
		Acknowledgment handle = sendAndTake(sink, 1).get(0);
		handle.ok();
		handle.error("again");
		handle.ok();
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThat(sink.pollAck(QUIET)).isEmpty();
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.acks).containsExactly(true));
		sink.stop();
	}

	@Test
	void collectThatThrowsAfterDeferringIsAnsweredWithItsErrorAtOnce() throws Exception {
		SinkConnection sink = this.host.startSink("defer", "rule1", "defer_0", Map.of("requireAck", true));
		sink.sendRow(Map.of("mode", "throw"));
		assertThat(sink.awaitAck(WAIT).error()).isEqualTo("sink 'defer': IllegalStateException: refused");
		Acknowledgment handle = this.handles.poll(5, TimeUnit.SECONDS);
		assertThat(handle).isNotNull();
		handle.ok();
		assertThat(sink.pollAck(QUIET)).isEmpty();
		sink.stop();
	}

	@Test
	void deferAckOutsideCollectIsRefused() throws Exception {
		SinkConnection sink = this.host.startSink("defer", "rule1", "defer_0", Map.of("requireAck", true));
		sendAndTake(sink, 1).get(0).ok();
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThatIllegalStateException().isThrownBy(() -> this.context.get().deferAck())
			.withMessage("deferAck() is only allowed during collect, on its thread");
		sink.stop();
	}

	@Test
	void withoutRequireAckTheHandleDoesNothing() throws Exception {
		SinkConnection sink = this.host.startSink("defer", "rule1", "defer_0", Map.of());
		Acknowledgment handle = sendAndTake(sink, 1).get(0);
		handle.ok();
		handle.error("ignored");
		assertThat(this.context.get().deferAck()).as("no thread check without acks").isSameAs(handle);
		assertThat(sink.pollAck(QUIET)).isEmpty();
		assertThat(this.observer.acks).isEmpty();
		sink.stop();
	}

	@Test
	void atStopTheSinkClosesFirstThenOpenAcksAreAnsweredBeforeTheAckChannelCloses() throws Exception {
		SinkConnection sink = this.host.startSink("defer", "rule1", "defer_0", Map.of("requireAck", true));
		sendAndTake(sink, 2);
		// A stop from the plugin's side, while the host still reads acks: the sink's
		// close
		// answers the first (as a batching sink flushing would), the runtime the second.
		this.runtime.stop();
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThat(sink.awaitAck(WAIT).error()).isEqualTo("sink 'defer': stopped before acknowledging");
	}

	/** Sends {@code count} rows and returns the handles their collects took. */
	private List<Acknowledgment> sendAndTake(SinkConnection sink, int count) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			sink.sendRow(Map.of("n", i));
		}
		Acknowledgment[] taken = new Acknowledgment[count];
		for (int i = 0; i < count; i++) {
			taken[i] = this.handles.poll(5, TimeUnit.SECONDS);
			assertThat(taken[i]).as("handle " + i).isNotNull();
		}
		return List.of(taken);
	}

	/**
	 * Defers every ack and hands the handle to the test; a row with {@code mode} decides
	 * otherwise: {@code return} acks on return, {@code throw} throws after deferring. Its
	 * close answers the first handle still open.
	 */
	private final class DeferringSink implements Sink<Map<String, Object>> {

		private Acknowledgment first;

		@Override
		public void collect(SinkContext context, SinkMessage message) {
			DeferredAckTests.this.context.set(context);
			Object mode = message.rows().get(0).get("mode");
			if ("return".equals(mode)) {
				return;
			}
			Acknowledgment handle = context.deferAck();
			assertThat(context.deferAck()).isSameAs(handle);
			if (this.first == null) {
				this.first = handle;
			}
			DeferredAckTests.this.handles.add(handle);
			if ("throw".equals(mode)) {
				throw new IllegalStateException("refused");
			}
		}

		@Override
		public void close(SinkContext context) {
			this.first.ok();
		}

	}

}
