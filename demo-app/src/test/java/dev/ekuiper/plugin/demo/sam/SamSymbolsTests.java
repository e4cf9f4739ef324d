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
package dev.ekuiper.plugin.demo.sam;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import dev.ekuiper.plugin.test.SourceTuple;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code pysam} symbols, driven through an embedded eKuiper host as a rule
 * {@code SELECT revert(name) FROM pyjson} with a {@code print} action would drive them.
 */
@EkuiperPluginTest("demo")
@SpringBootTest
class SamSymbolsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void pyjsonEmitsTheSameRecordRepeatedly(EmbeddedHost host) {
		try (SourceConnection source = host.startSource("pyjson", "samRule", "samStream", Map.of())) {
			for (int i = 0; i < 3; i++) {
				SourceTuple tuple = source.next(WAIT);
				assertThat(tuple.isValid()).isTrue();
				assertThat(tuple.message())
					.containsExactlyInAnyOrderEntriesOf(Map.of("name", "pyjson", "value", 2021.0));
				assertThat(tuple.meta()).isEmpty();
			}
		}
	}

	@Test
	void printReceivesRowsAndIsAcknowledged(EmbeddedHost host) {
		try (SinkConnection sink = host.startSink("print", "samRule", "print_0", Map.of("requireAck", true))) {
			sink.sendRow(Map.of("revert", "nosjyp"));
			assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
			sink.send("not json".getBytes());
			assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		}
	}

	@Test
	void revertReversesAString(EmbeddedHost host) {
		try (FunctionConnection revert = host.startFunction("revert")) {
			assertThat(revert.validate(List.of(Map.of("Name", "name"))).state()).isTrue();
			assertThat(revert.validate(List.of()).result()).isEqualTo("revert() takes 1 argument, got 0");
			assertThat(revert.isAggregate()).isFalse();
			assertThat(revert.exec(List.of("pyjson"), "samRule", "project").result()).isEqualTo("nosjyp");
		}
	}

}
