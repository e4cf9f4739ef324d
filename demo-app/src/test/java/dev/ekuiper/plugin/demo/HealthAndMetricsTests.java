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
package dev.ekuiper.plugin.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the plugin's health indicator and meters while an embedded eKuiper host
 * drives it.
 */
@EkuiperPluginTest("demo")
@SpringBootTest
class HealthAndMetricsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private HealthContributorRegistry healthContributors;

	@Autowired
	private MeterRegistry meters;

	@Test
	void healthIsUpWhileConnected(EmbeddedHost host) {
		HealthIndicator indicator = (HealthIndicator) this.healthContributors.getContributor("ekuiper");
		await().atMost(WAIT).until(() -> indicator.health().getStatus(), Status.UP::equals);
		assertThat(indicator.health().getDetails()).containsEntry("plugin", "demo").containsKey("symbols");
		assertThat(this.meters.get("ekuiper.control.connected").gauge().value()).isEqualTo(1.0);
	}

	@Test
	void sourceRecordsAreCounted(EmbeddedHost host) {
		double starts = count("ekuiper.control.commands", "command", "start", "type", "source", "result", "ok");
		try (SourceConnection source = host.startSource("sensor", "meteredRule", "sensors",
				Map.of("period", 10, "sensors", List.of("a")))) {
			for (int i = 0; i < 5; i++) {
				source.next(WAIT);
			}
			// The plugin counts a record once its send returns, which may be after we got
			// it.
			await().atMost(WAIT)
				.until(() -> count("ekuiper.source.records", "symbol", "sensor", "rule", "meteredRule", "result",
						"sent") >= 5);
		}
		assertThat(count("ekuiper.control.commands", "command", "start", "type", "source", "result", "ok"))
			.isEqualTo(starts + 1);
		// Per-rule meters go away with the rule.
		await().atMost(WAIT)
			.until(() -> this.meters.find("ekuiper.source.records").tag("rule", "meteredRule").counter() == null);
	}

	@Test
	void sinkMessagesAndAcksAreCounted(EmbeddedHost host) {
		try (SinkConnection sink = host.startSink("print", "meteredRule", "print_0", Map.of("requireAck", true))) {
			sink.sendRow(Map.of("a", 1));
			sink.awaitAck(WAIT);
			sink.sendRow(Map.of("a", 2));
			sink.awaitAck(WAIT);
			assertThat(count("ekuiper.sink.messages", "symbol", "print", "rule", "meteredRule", "result", "ok"))
				.isEqualTo(2);
			// The plugin counts an ack once its send returns, which may be after we got
			// it.
			await().atMost(WAIT)
				.until(() -> count("ekuiper.sink.acks", "symbol", "print", "rule", "meteredRule", "result", "ok") == 2);
		}
	}

	@Test
	void functionCallsAreTimed(EmbeddedHost host) {
		long calls = this.meters.get("ekuiper.function.calls")
			.tags("symbol", "c2f", "call", "exec", "result", "ok")
			.timer()
			.count();
		try (FunctionConnection c2f = host.startFunction("c2f")) {
			for (int i = 0; i < 3; i++) {
				c2f.exec(List.of(20.0 + i), "meteredRule", "project");
			}
		}
		assertThat(this.meters.get("ekuiper.function.calls")
			.tags("symbol", "c2f", "call", "exec", "result", "ok")
			.timer()
			.count()).isEqualTo(calls + 3);
	}

	private double count(String name, String... tags) {
		return this.meters.get(name).tags(tags).counter().count();
	}

}
