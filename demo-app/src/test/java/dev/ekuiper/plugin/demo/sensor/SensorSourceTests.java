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
package dev.ekuiper.plugin.demo.sensor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.HostCommandException;
import dev.ekuiper.plugin.test.SourceConnection;
import dev.ekuiper.plugin.test.SourceTuple;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@code sensor} source through an embedded eKuiper host.
 */
@EkuiperPluginTest("demo")
@SpringBootTest
class SensorSourceTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void recordsHaveTheConfiguredShape(EmbeddedHost host) {
		Map<String, Object> config = Map.of("period", "20ms", "sensors", List.of("kitchen", "garage"), "minTemperature",
				-5, "maxTemperature", 5, "minHumidity", 80, "maxHumidity", 90, "seed", 42);
		try (SourceConnection source = host.startSource("sensor", "sensorRule", "sensors", config)) {
			List<Map<String, Object>> records = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				SourceTuple tuple = source.next(WAIT);
				assertThat(tuple.isValid()).isTrue();
				records.add(tuple.message());
			}
			assertThat(records).extracting((record) -> record.get("sensorId"))
				.containsExactly("kitchen", "garage", "kitchen", "garage", "kitchen", "garage");
			assertThat(records).allSatisfy((record) -> {
				assertThat(record).containsOnlyKeys("sensorId", "temperature", "humidity", "timestamp");
				assertThat((Double) record.get("temperature")).isBetween(-5.0, 5.0);
				assertThat((Double) record.get("humidity")).isBetween(80.0, 90.0);
				assertThat((Double) record.get("timestamp")).isPositive();
			});
		}
	}

	@Test
	void missingPropertiesTakeTheDefaults(EmbeddedHost host) {
		try (SourceConnection source = host.startSource("sensor", "sensorRule", "sensors", Map.of())) {
			SourceTuple first = source.next(WAIT);
			SourceTuple second = source.next(WAIT);
			assertThat(List.of(first.message().get("sensorId"), second.message().get("sensorId")))
				.containsExactly("sensor-1", "sensor-2");
			assertThat((Double) first.message().get("temperature")).isBetween(18.0, 26.0);
			assertThat((Double) first.message().get("humidity")).isBetween(30.0, 60.0);
		}
	}

	@Test
	void invalidConfigFailsTheRuleStartWithTheProperty(EmbeddedHost host) {
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> host.startSource("sensor", "badRule", "sensors", Map.of("period", 0)))
			.withMessageContaining("period must be positive");
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> host.startSource("sensor", "badRule", "sensors", Map.of("period", "often")))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("cannot start source 'sensor' for rule 'badRule': config failed: "
						+ "property 'period' = 'often': expected a Duration such as 500ms or PT1S"));
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> host.startSource("sensor", "badRule", "sensors", Map.of("maxHumidity", 120)))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("cannot start source 'sensor' for rule 'badRule': config failed: "
						+ "property 'maxHumidity' = 120: must be less than or equal to 100"));
	}

}
