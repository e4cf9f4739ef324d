package dev.ekuiper.plugin.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.test.Ack;
import dev.ekuiper.plugin.test.HostCommandException;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.Test;

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
		assertThat(ack.rawText()).isEqualTo("{\"error\":\"Hard disk full\"}");
		assertThat(ack.outcome()).isEqualTo(Ack.Outcome.ERROR);
		sink.sendRow(Map.of("a", 2));
		assertThat(sink.awaitAck(WAIT).error()).isEqualTo("Hard disk full");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.acks).containsExactly(false, false));
	}

	@Test
	void withoutRequireAckNoAckIsEverSent() throws Exception {
		for (Map<String, Object> config : List.<Map<String, Object>>of(Map.of(), Map.of("requireAck", false))) {
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
				.isEqualTo("sink 'probe': property 'delay' = 'soon': expected a whole number (long)"));
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSource("probe", "rule1", "s", Map.of("size", Map.of("bytes", 3))))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("source 'probe': property 'size' = {\"bytes\":3}: expected a whole number (int)"));
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSource("probe", "rule1", "s", Map.of("count", -2)))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("source 'probe': count must not be below -1, got -2"));
		assertThat(this.probes.sinksCreated.get() + this.probes.sourcesCreated.get()).isEqualTo(3);
		assertThat(this.probes.sinkConfigs).isEmpty();
		assertStillServing();
	}

}
