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
import java.util.Collections;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ekuiper.plugin.test.Ack;
import dev.ekuiper.plugin.test.HostCommandException;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Sink acknowledgements and typed configuration binding.
 */
class SinkAckTests extends RuntimeTestSupport {

	@Test
	void requireAckGetsAnEmptyObjectAfterEachCollectInOrder() {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		assertThat(sink.requireAck()).isTrue();
		sink.sendRows(List.of(Map.of("a", 1), Map.of("a", 2)));
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		sink.sendSingle(Map.of("b", "x"));
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		sink.send("plain text error from the rule".getBytes());
		assertThat(sink.awaitAck(WAIT).outcome()).isEqualTo(Ack.Outcome.SUCCESS);
		assertThat(this.probes.collected).containsExactly("1: [{\"a\":1},{\"a\":2}]", "1: {\"b\":\"x\"}",
				"1: plain text error from the rule");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.acks).containsExactly(true, true, true));
	}

	@Test
	void requireAckGetsTheErrorWhenCollectThrowsNeverStartingWithH() {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0",
				Map.of("requireAck", true, "failIn", "collect"));
		sink.sendRow(Map.of("a", 1));
		Ack ack = sink.awaitAck(WAIT);
		assertThat(ack.rawText()).isEqualTo("{\"error\":\"sink 'probe': IllegalStateException: hard disk full\"}");
		assertThat(ack.outcome()).isEqualTo(Ack.Outcome.ERROR);
		sink.sendRow(Map.of("a", 2));
		assertThat(sink.awaitAck(WAIT).error()).isEqualTo("sink 'probe': IllegalStateException: hard disk full");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.acks).containsExactly(false, false));
	}

	@Test
	void collectExceptionIsLoggedAtWarnWithItsStackTraceOnceForRepeats() {
		Logger logger = (Logger) LoggerFactory.getLogger("ekuiper.plugin.symbol.probe");
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		try {
			SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0",
					Map.of("requireAck", true, "failIn", "collect"));
			for (int i = 0; i < 3; i++) {
				sink.sendRow(Map.of("a", i));
				assertThat(sink.awaitAck(WAIT).outcome()).isEqualTo(Ack.Outcome.ERROR);
			}
			assertThat(logged.list).singleElement().satisfies((event) -> {
				assertThat(event.getLevel()).hasToString("WARN");
				assertThat(event.getFormattedMessage())
					.isEqualTo("sink 'probe': IllegalStateException: hard disk full (rule 'rule1')");
				assertThat(event.getThrowableProxy().getMessage()).isEqualTo("hard disk full");
			});
			sink.stop();
		}
		finally {
			logger.detachAppender(logged);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "requireack", "RequireAck", "REQUIREACK" })
	void requireAckKeyMatchesCaseInsensitivelyAsInEkuiper(String key) {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of(key, true));
		assertThat(sink.requireAck()).as("the host reads it").isTrue();
		sink.sendRow(Map.of("a", 1));
		assertThat(sink.awaitAck(WAIT).rawText()).as("the plugin acks").isEqualTo("{}");
		sink.stop();
	}

	@Test
	void requireAckThatIsNotABooleanIsRefusedAsEkuiperRefusesIt() {
		// eKuiper fails the rule before sending start; a host that sends it anyway is
		// refused.
		String answer = this.host.sendRawCommand(
				Commands.command("start", "sink", "probe", "rule1", "probe_0", Map.of("requireAck", "true")));
		assertThat(answer).isEqualTo("cannot start sink 'probe' for rule 'rule1': config failed: "
				+ "'requireAck' expected type 'bool', got unconvertible type 'string', value: 'true'");
		assertThat(this.probes.sinksCreated).hasValue(1);
		assertThat(this.probes.sinkConfigs).isEmpty();
		assertStillServing();
	}

	@Test
	void withoutRequireAckNoAckIsEverSent() throws Exception {
		List<Map<String, Object>> configs = List.of(Map.of(), Map.of("requireAck", false), Map.of("requireack", false),
				Collections.singletonMap("requireAck", null));
		for (Map<String, Object> config : configs) {
			SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", config);
			sink.sendRow(Map.of("a", 1));
			await().atMost(WAIT).until(() -> !this.probes.collected.isEmpty());
			assertThat(sink.pollAck(Duration.ofMillis(500))).isEmpty();
			sink.stop();
			this.probes.collected.clear();
		}
		assertThat(this.observer.acks).isEmpty();
	}

	@Test
	void configIsBoundToTheSymbolsTypeIgnoringUnknownKeys() {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0",
				Map.of("delay", 1, "count", "7", "connectionSelector", "", "sendSingle", true));
		assertThat(this.probes.sinkConfigs).containsExactly(new Probes.ProbeConfig(null, null, 7, 0, 1L));
		sink.stop();
	}

	@Test
	void configThatCannotBeBoundIsRefusedNamingTheProperty() {
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSink("probe", "rule1", "probe_0", Map.of("delay", "soon")))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("cannot start sink 'probe' for rule 'rule1': config failed: "
						+ "property 'delay' = 'soon': expected a whole number (long)"));
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSource("probe", "rule1", "s", Map.of("size", Map.of("bytes", 3))))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("cannot start source 'probe' for rule 'rule1': config failed: "
						+ "property 'size' = {\"bytes\":3}: expected a whole number (int)"));
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSource("probe", "rule1", "s", Map.of("count", -2)))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("cannot start source 'probe' for rule 'rule1': config failed: "
						+ "count must not be below -1, got -2"));
		assertThat(this.probes.sinksCreated.get() + this.probes.sourcesCreated.get()).isEqualTo(3);
		assertThat(this.probes.sinkConfigs).isEmpty();
		assertStillServing();
	}

}
