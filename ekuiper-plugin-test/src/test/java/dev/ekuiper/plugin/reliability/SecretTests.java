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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.api.Secret;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import dev.ekuiper.plugin.runtime.RuntimeSettings;
import dev.ekuiper.plugin.runtime.RuntimeTestSupport;
import dev.ekuiper.plugin.test.HostCommandException;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Secret configuration values ({@link Secret} properties, and properties named like
 * {@code password} or {@code apiToken}) never reach eKuiper or a log line, even when a
 * binding error, a symbol's own exception or a malformed command quotes them: they show
 * as {@code ******}. Every log event of each test is checked.
 */
class SecretTests extends RuntimeTestSupport {

	private static final String KEY = "k3y-Zebra-42";

	private static final String PASSWORD = "hunter2-Xylophone";

	private static final String PIN = "9z8y7x";

	private static final String TOKEN = "tok-Quartz-77";

	private static final List<String> SECRETS = List.of(KEY, PASSWORD, PIN, TOKEN);

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	@BeforeEach
	void serveTheVault() throws Exception {
		this.log.start();
		rootLogger().addAppender(this.log);
		this.runtime.stop();
		PluginDefinition vault = PluginDefinition.builder(PLUGIN)
			.sink("vault", VaultSink::new)
			.source("vault", VaultSource::new)
			.build();
		RuntimeSettings settings = RuntimeSettings.defaults()
			.withSocketDirectory(this.sockets)
			.withKeepAlive(Duration.ofMillis(500))
			.withSymbolTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(1));
		this.runtime = new PluginRuntime(vault, settings, RuntimeObserver.NONE);
		this.runtime.start();
		this.host.awaitHandshake(WAIT);
	}

	@AfterEach
	void noSecretWasLogged() {
		rootLogger().detachAppender(this.log);
		List<String> texts = new ArrayList<>();
		for (ILoggingEvent event : List.copyOf(this.log.list)) {
			texts.add(event.getFormattedMessage());
			for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
				texts.add(thrown.getMessage());
			}
		}
		assertThat(texts).isNotEmpty().allSatisfy((text) -> assertThat(text).doesNotContain(SECRETS));
	}

	@Test
	void bindingErrorOfASecretPropertyShowsItMasked() {
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(
					() -> this.host.startSink("vault", "rule1", "vault_0", Map.of("pin", PIN, "password", PASSWORD)))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("cannot start sink 'vault' for rule 'rule1': config failed: "
						+ "property 'pin' = '******': expected a whole number (int)"));
	}

	@Test
	void failureQuotingSecretsIsAnsweredAndRecordedMasked() {
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSink("vault", "rule1", "vault_0",
					Map.of("url", "fail", "user", "admin", "key", KEY, "password", PASSWORD)))
			.satisfies((ex) -> assertThat(ex.answer())
				.isEqualTo("cannot start sink 'vault' for rule 'rule1': configure failed: "
						+ "IllegalStateException: cannot log in as admin: key ******, password ******"));
		assertThat(this.runtime.status()).filteredOn((status) -> status.type() == PluginType.SINK)
			.singleElement()
			.satisfies((status) -> assertThat(status.lastError()).doesNotContain(SECRETS).contains("******"));
	}

	@Test
	void errorAckQuotingASecretIsMasked() {
		SinkConnection sink = this.host.startSink("vault", "rule1", "vault_0",
				Map.of("url", "https://vault", "key", KEY, "requireAck", true));
		sink.send("leak".getBytes(StandardCharsets.UTF_8));
		assertThat(sink.awaitAck(WAIT).error())
			.isEqualTo("sink 'vault': IllegalStateException: server refused key ******");
		sink.send("[{\"fine\":true}]".getBytes(StandardCharsets.UTF_8));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
	}

	@Test
	void sourceErrorQuotingASecretOfARawConfigurationIsMasked() {
		SourceTuple tuple = this.host.startSource("vault", "rule1", "s", Map.of("apiToken", TOKEN)).next(WAIT);
		assertThat(tuple.rawText())
			.isEqualTo("source error: source 'vault': IllegalStateException: token ****** expired");
	}

	@Test
	void malformedCommandIsLoggedWithItsSecretMasked() {
		String answer = this.host.sendRawCommand("{\"password\":\"" + PASSWORD + "\",\"cmd\":");
		assertThat(answer).startsWith("Command is not valid JSON").doesNotContain(PASSWORD);
		assertThat(this.log.list).extracting(ILoggingEvent::getFormattedMessage)
			.anySatisfy((line) -> assertThat(line).contains("\"password\":\"******\""));
	}

	private static Logger rootLogger() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	/**
	 * A sink's configuration with secrets marked and named.
	 *
	 * @param url where to log in; {@code fail} fails
	 * @param user the user
	 * @param key marked secret
	 * @param password secret by its name
	 * @param pin marked secret
	 * @param requireAck whether to ack
	 */
	record VaultConfig(String url, String user, @Secret String key, String password, @Secret Integer pin,
			Boolean requireAck) {
	}

	/** Fails its configure and its collect with messages that quote the secrets. */
	static final class VaultSink implements Sink<VaultConfig> {

		private VaultConfig config;

		@Override
		public void configure(VaultConfig config) {
			this.config = config;
			if ("fail".equals(config.url())) {
				throw new IllegalStateException("cannot log in as " + config.user() + ": key " + config.key()
						+ ", password " + config.password());
			}
		}

		@Override
		public void collect(SinkContext context, SinkMessage message) {
			if (message.text().contains("leak")) {
				throw new IllegalStateException("server refused key " + this.config.key());
			}
		}

	}

	/** Fails its open with a message that quotes its token. */
	static final class VaultSource implements Source<Map<String, Object>> {

		private Map<String, Object> config;

		@Override
		public void configure(Map<String, Object> config) {
			this.config = config;
		}

		@Override
		public void open(SourceContext context) {
			throw new IllegalStateException("token " + this.config.get("apiToken") + " expired");
		}

	}

}
