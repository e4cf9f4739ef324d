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
package dev.ekuiper.plugin.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ekuiper.plugin.runtime.RuntimeTestSupport;
import dev.ekuiper.plugin.test.Ack;
import dev.ekuiper.plugin.test.HostException;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every message the host saw acknowledged was really collected, when the plugin stops
 * while the host keeps sending: each message is collected and acked, refused with an
 * error ack, or never taken (the host's send fails); none is acked without being
 * collected, none is collected twice. The child-process variant, with SIGTERM and
 * SIGKILL, is {@link NoLostDataProcessTests}.
 */
class NoLostDataTests extends RuntimeTestSupport {

	private static final Pattern KEY = Pattern.compile("\\{\"k\":(\\d+)}");

	@Test
	void everyAckedMessageWasCollectedWhenThePluginStopsUnderLoad() throws Exception {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true, "delay", 1));
		Load load = new Load(sink, 0);
		Thread sender = new Thread(load, "host-sink-load");
		sender.start();
		await().atMost(WAIT).until(() -> load.acked.size() >= 200);
		this.runtime.stop();
		sender.join(WAIT.toMillis() * 2);
		assertThat(sender.isAlive()).isFalse();

		List<Integer> collected = collectedKeys();
		System.out.printf("stop under load: %d sent, %d acked, %d refused, %d unanswered, %d collected%n",
				load.sent.get(), load.acked.size(), load.refused.size(), load.unanswered.get(), collected.size());
		assertThat(collected).as("collected at most once").doesNotHaveDuplicates();
		assertThat(collected).as("every acked message was collected").containsAll(load.acked);
		assertThat(load.refused).as("refused, so not acked").doesNotContainAnyElementsOf(load.acked);
		// What the plugin held when it stopped was finished and acked: nothing is left
		// hanging.
		assertThat(load.unanswered).hasValue(0);

		this.runtime.start();
		this.host.awaitHandshake(WAIT);
		await().atMost(Duration.ofSeconds(10)).until(sink::isConnected);
		sink.sendRow(Map.of("k", -1));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
	}

	private List<Integer> collectedKeys() {
		return keys(this.probes.collected);
	}

	/**
	 * Returns the keys of the rows {@code {"k":<n>}} found in texts, in order.
	 * @param texts collected payloads or written lines
	 * @return the keys
	 */
	static List<Integer> keys(Iterable<String> texts) {
		List<Integer> keys = new ArrayList<>();
		for (String text : texts) {
			Matcher matcher = KEY.matcher(text);
			while (matcher.find()) {
				keys.add(Integer.parseInt(matcher.group(1)));
			}
		}
		return keys;
	}

	/**
	 * Sends numbered rows one at a time as eKuiper does with acks, reading the ack after
	 * each, until a send fails or no ack comes.
	 */
	static final class Load implements Runnable {

		final Set<Integer> acked = ConcurrentHashMap.newKeySet();

		final Set<Integer> refused = ConcurrentHashMap.newKeySet();

		final AtomicInteger sent = new AtomicInteger();

		final AtomicInteger unanswered = new AtomicInteger();

		private final SinkConnection sink;

		private final int firstKey;

		private volatile boolean finished;

		Load(SinkConnection sink, int firstKey) {
			this.sink = sink;
			this.firstKey = firstKey;
		}

		/**
		 * Returns whether the load has ended.
		 * @return {@code true} once a send failed or an ack did not come
		 */
		boolean finished() {
			return this.finished;
		}

		@Override
		public void run() {
			try {
				send();
			}
			finally {
				this.finished = true;
			}
		}

		private void send() {
			for (int k = this.firstKey;; k++) {
				try {
					this.sink.sendRow(Map.of("k", k));
				}
				catch (HostException ex) {
					// Not taken: the plugin is gone.
					return;
				}
				this.sent.incrementAndGet();
				Optional<Ack> ack;
				try {
					ack = this.sink.pollAck(Duration.ofSeconds(3));
				}
				catch (HostException ex) {
					ack = Optional.empty();
				}
				if (ack.isEmpty()) {
					this.unanswered.incrementAndGet();
					return;
				}
				(ack.get().isSuccess() ? this.acked : this.refused).add(k);
			}
		}

	}

}
