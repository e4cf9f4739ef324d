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

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ekuiper.plugin.test.SourceConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When eKuiper does not read a source's records, emit waits up to the send timeout (here
 * set by eKuiper's process argument), then drops the record, counts and reports it; what
 * is held meanwhile stays bounded, and records flow again once the host reads.
 */
class BackpressureTests extends RuntimeTestSupport {

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	@Override
	RuntimeSettings settings() {
		return super.settings().withProcessArgument("{\"sendTimeout\":600}");
	}

	@BeforeEach
	void captureSymbolLog() {
		this.log.start();
		symbolLogger().addAppender(this.log);
	}

	@AfterEach
	void releaseSymbolLog() {
		symbolLogger().detachAppender(this.log);
	}

	@Test
	void emitBlocksUpToTheSendTimeoutThenDropsCountsAndReportsTheRecord() throws Exception {
		SourceConnection source = this.host.startSource("probe", "rule1", "s", Map.of("count", -1, "size", 16_384));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.probes.droppedEmitMillis.size() >= 3);
		List<Long> waits = List.copyOf(this.probes.droppedEmitMillis);
		// 600 ms from the argument, not the 300 ms the settings had before it.
		assertThat(waits).allSatisfy((millis) -> assertThat(millis).isBetween(595L, 1500L));
		assertThat(this.observer.dropped.get()).isGreaterThanOrEqualTo(3);
		assertThat(this.log.list).extracting(ILoggingEvent::getFormattedMessage)
			.contains("Source probe of rule rule1: eKuiper is not reading; 1 record(s) dropped so far",
					"Source probe of rule rule1: eKuiper is not reading; 2 record(s) dropped so far");

		// Nothing more is taken while the host does not read: what is held stays bounded.
		int held = this.probes.sentRecords.get();
		await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> this.probes.sentRecords.get() == held);
		assertThat(held).isLessThan(1000);
		assertThat(this.observer.emitted.get()).isEqualTo(held);

		// Once the host reads again, records flow again.
		for (int i = 0; i < held + 20; i++) {
			assertThat(source.next(WAIT).isValid()).isTrue();
		}
		assertThat(this.probes.sentRecords.get()).isGreaterThan(held);
		source.stop();
		assertStillServing();
	}

	private static Logger symbolLogger() {
		return (Logger) LoggerFactory.getLogger("ekuiper.plugin.symbol.probe");
	}

}
