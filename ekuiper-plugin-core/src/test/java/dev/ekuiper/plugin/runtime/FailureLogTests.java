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

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link FailureLog}.
 */
class FailureLogTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger("ekuiper.plugin.symbol.failure-log-test");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	@BeforeEach
	void capture() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.appender);
	}

	@Test
	void firstFailureIsLoggedAtWarnWithItsStackTrace() {
		FailureLog log = new FailureLog(this.logger);
		IllegalStateException failure = new IllegalStateException("boom");
		assertThat(log.warn("r1", "sink 'x': IllegalStateException: boom", failure, false)).isTrue();
		ILoggingEvent event = this.appender.list.get(0);
		assertThat(event.getLevel()).hasToString("WARN");
		assertThat(event.getFormattedMessage()).isEqualTo("sink 'x': IllegalStateException: boom (rule 'r1')");
		assertThat(event.getThrowableProxy().getMessage()).isEqualTo("boom");
	}

	@Test
	void failureOfAConfigurationWithSecretsIsLoggedWithoutStackTrace() {
		FailureLog log = new FailureLog(this.logger);
		log.warn("r1", "sink 'x': IllegalStateException: key ******", new IllegalStateException("key s3cr3t"), true);
		assertThat(this.appender.list).singleElement().satisfies((event) -> {
			assertThat(event.getThrowableProxy()).isNull();
			assertThat(event.getFormattedMessage()).doesNotContain("s3cr3t");
		});
	}

	@Test
	void repeatsWithinTheIntervalAreSuppressedPerRuleAndCounted() {
		FailureLog log = new FailureLog(this.logger, Duration.ofMillis(200));
		assertThat(log.warn("r1", "f", null, false)).isTrue();
		assertThat(log.warn("r1", "f", null, false)).isFalse();
		assertThat(log.warn("r1", "f", null, false)).isFalse();
		assertThat(log.warn("r2", "f", null, false)).as("another rule").isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> log.warn("r1", "f", null, false));
		List<String> lines = this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).isEqualTo("f (rule 'r1')");
		assertThat(lines.get(1)).isEqualTo("f (rule 'r2')");
		assertThat(lines.get(2)).matches("f \\(rule 'r1'\\) \\(\\d+ similar suppressed\\)");
	}

	@Test
	void defaultIntervalIsTenSeconds() {
		assertThat(FailureLog.INTERVAL).isEqualTo(Duration.ofSeconds(10));
	}

}
