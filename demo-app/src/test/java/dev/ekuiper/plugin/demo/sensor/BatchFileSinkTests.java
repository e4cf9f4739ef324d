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
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@code batchfile} sink through an embedded eKuiper host, which, unlike
 * eKuiper, sends the next message without waiting for the previous ack.
 */
@EkuiperPluginTest("demo")
@SpringBootTest
class BatchFileSinkTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	@Test
	void fullBatchIsWrittenAtOnceAndEachOfItsMessagesAcknowledged(EmbeddedHost host) throws Exception {
		Path file = this.directory.resolve("rows.jsonl");
		Map<String, Object> config = Map.of("path", file.toString(), "batchRows", 3, "linger", "PT1M", "requireAck",
				true);
		try (SinkConnection sink = host.startSink("batchfile", "batchRule", "batchfile_0", config)) {
			sink.sendRow(Map.of("n", 1));
			sink.sendRows(List.of(Map.of("n", 2), Map.of("n", 3)));
			assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
			assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
			assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
			sink.sendRow(Map.of("n", 4));
			assertThat(sink.pollAck(Duration.ofMillis(300))).as("waits for the batch to fill").isEmpty();
		}
	}

	@Test
	void batchThatDoesNotFillIsWrittenAfterTheLinger(EmbeddedHost host) throws Exception {
		Path file = this.directory.resolve("rows.jsonl");
		Map<String, Object> config = Map.of("path", file.toString(), "batchRows", 100, "linger", "PT0.2S", "requireAck",
				true);
		try (SinkConnection sink = host.startSink("batchfile", "batchRule", "batchfile_0", config)) {
			sink.sendRow(Map.of("n", 1));
			assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
			assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}");
		}
	}

	@Test
	void writeFailureIsReportedInTheAckOfEveryMessageOfTheBatch(EmbeddedHost host) {
		Map<String, Object> config = Map.of("path", this.directory.toString(), "batchRows", 2, "requireAck", true);
		try (SinkConnection sink = host.startSink("batchfile", "batchRule", "batchfile_0", config)) {
			sink.sendRow(Map.of("n", 1));
			sink.sendRow(Map.of("n", 2));
			for (int i = 0; i < 2; i++) {
				Ack ack = sink.awaitAck(WAIT);
				assertThat(ack.outcome()).isEqualTo(Ack.Outcome.ERROR);
				assertThat(ack.error()).startsWith("sink 'batchfile': cannot append to " + this.directory);
			}
		}
	}

	@Test
	void withoutRequireAckRowsAreStillWrittenInBatches(EmbeddedHost host) throws Exception {
		Path file = this.directory.resolve("rows.jsonl");
		Map<String, Object> config = Map.of("path", file.toString(), "batchRows", 2, "linger", "PT1M");
		try (SinkConnection sink = host.startSink("batchfile", "batchRule", "batchfile_0", config)) {
			sink.sendRow(Map.of("n", 1));
			sink.sendRow(Map.of("n", 2));
			await().atMost(WAIT).until(() -> Files.exists(file) && Files.readAllLines(file).size() == 2);
			assertThat(sink.pollAck(Duration.ofMillis(300))).isEmpty();
		}
	}

}
