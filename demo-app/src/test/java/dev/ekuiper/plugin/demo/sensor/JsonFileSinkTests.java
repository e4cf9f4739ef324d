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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.test.Ack;
import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code jsonfile} sink through an embedded eKuiper host.
 */
@EkuiperPluginTest("demo")
@SpringBootTest
class JsonFileSinkTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	@Test
	void eachRowIsWrittenAsALineAndEachMessageAcknowledged(EmbeddedHost host) throws Exception {
		Path file = this.directory.resolve("out/rows.jsonl");
		Map<String, Object> config = Map.of("path", file.toString(), "requireAck", true);
		try (SinkConnection sink = host.startSink("jsonfile", "fileRule", "jsonfile_0", config)) {
			sink.sendRow(Map.of("sensorId", "a", "temperature", 21.5));
			assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
			assertThat(Files.readAllLines(file)).containsExactly("{\"sensorId\":\"a\",\"temperature\":21.5}");
			sink.sendRows(List.of(Map.of("sensorId", "b"), Map.of("sensorId", "c")));
			assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
			sink.sendSingle(Map.of("sensorId", "d"));
			assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
			assertThat(Files.readAllLines(file)).hasSize(4).endsWith("{\"sensorId\":\"d\"}");
		}
	}

	@Test
	void writeFailureIsReportedInTheAck(EmbeddedHost host) {
		Map<String, Object> config = Map.of("path", this.directory.toString(), "requireAck", true);
		try (SinkConnection sink = host.startSink("jsonfile", "fileRule", "jsonfile_0", config)) {
			sink.sendRow(Map.of("sensorId", "a"));
			Ack ack = sink.awaitAck(WAIT);
			assertThat(ack.outcome()).isEqualTo(Ack.Outcome.ERROR);
			assertThat(ack.error()).contains(this.directory.toString());
			sink.sendRow(Map.of("sensorId", "b"));
			assertThat(sink.awaitAck(WAIT).outcome()).isEqualTo(Ack.Outcome.ERROR);
		}
	}

	@Test
	void noAckIsSentWithoutRequireAck(EmbeddedHost host) throws Exception {
		Path file = this.directory.resolve("rows.jsonl");
		try (SinkConnection sink = host.startSink("jsonfile", "fileRule", "jsonfile_0",
				Map.of("path", file.toString()))) {
			sink.sendRow(Map.of("sensorId", "a"));
			sink.sendRow(Map.of("sensorId", "b"));
			assertThat(sink.pollAck(Duration.ofMillis(500))).isEmpty();
			assertThat(Files.readAllLines(file)).hasSize(2);
		}
	}

}
