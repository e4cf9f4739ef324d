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
import java.util.concurrent.atomic.AtomicReference;

import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.conformance.ConformancePlugin;
import dev.ekuiper.plugin.test.FunctionConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A start that comes while a stop is under way: it waits for the stop to finish and then
 * owns everything it started, instead of having its channels and executors torn down by
 * the rest of the stop.
 */
class LifecycleRaceTests extends RuntimeTestSupport {

	private final AtomicReference<Thread> starter = new AtomicReference<>();

	@Override
	PluginRuntime newRuntime(RuntimeSettings settings) {
		PluginDefinition definition = PluginDefinition.builder(PLUGIN)
			.source("restarting", RestartingSource::new)
			.function("revert", new ConformancePlugin.RevertFunction())
			.build();
		return new PluginRuntime(definition, settings, this.observer);
	}

	@Test
	void aStartDuringAStopServesAfterTheStop() throws Exception {
		this.host.startSource("restarting", "rule1", "s", Map.of());
		await().atMost(WAIT).until(() -> this.runtime.status().get(0).running() == 1);

		this.runtime.stop();

		Thread started = this.starter.get();
		assertThat(started).as("the source's close started the runtime again").isNotNull();
		started.join(WAIT.toMillis());
		assertThat(started.isAlive()).isFalse();
		assertThat(this.runtime.isRunning()).isTrue();
		this.host.awaitHandshake(WAIT);
		FunctionConnection revert = this.host.startFunction("revert");
		assertThat(revert.exec(List.of("abc"), "rule2", "op1").result()).isEqualTo("cba");
		// The host replayed rule1's start on the new handshake; rule2 starts beside it.
		this.host.startSource("restarting", "rule2", "s", Map.of());
		await().atMost(WAIT).until(() -> this.runtime.status().get(0).running() == 2);
	}

	/** Emits nothing; its first close starts the runtime again from another thread. */
	private final class RestartingSource implements Source<Map<String, Object>> {

		@Override
		public void open(SourceContext context) throws Exception {
			context.awaitStop(Duration.ofMinutes(1));
		}

		@Override
		public void close(SourceContext context) throws Exception {
			Thread thread = new Thread(() -> {
				try {
					LifecycleRaceTests.this.runtime.start();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, "test-starter");
			if (LifecycleRaceTests.this.starter.compareAndSet(null, thread)) {
				thread.start();
				// Long enough for a start that does not wait for the stop to complete in
				// its gap.
				thread.join(1000);
			}
		}

	}

}
