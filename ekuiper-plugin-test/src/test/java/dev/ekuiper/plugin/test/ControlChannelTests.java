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
package dev.ekuiper.plugin.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ekuiper.plugin.test.FakePlugin.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the control channel of {@link EmbeddedHost} against a {@link FakePlugin}.
 */
class ControlChannelTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@TempDir
	Path sockets;

	private EmbeddedHost host;

	private FakePlugin plugin;

	@AfterEach
	void closeAll() throws Exception {
		if (this.plugin != null) {
			this.plugin.close();
		}
		if (this.host != null) {
			this.host.close();
		}
	}

	@Test
	void startIsSentAsTheReplyToTheHandshakeEncodedAsEkuiperEncodesIt() throws Exception {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> "ok");
		assertThat(this.host.awaitHandshake(WAIT)).isEmpty();
		assertThat(this.host.status()).isEqualTo("running");
		this.host.startSource("counter", "rule1", "stream1", Map.of("count", 3));
		assertThat(this.plugin.commands()).singleElement()
			.extracting(Command::text)
			.isEqualTo("{\"cmd\":\"start\",\"arg\":\"{\\\"symbolName\\\":\\\"counter\\\",\\\"meta\\\":{\\\"ruleId\\\":"
					+ "\\\"rule1\\\",\\\"opId\\\":\\\"stream1\\\",\\\"instanceId\\\":0},\\\"pluginType\\\":\\\"source\\\","
					+ "\\\"config\\\":{\\\"count\\\":3,\\\"datasource\\\":\\\"\\\",\\\"delimiter\\\":\\\"\\\",\\\"format\\\":"
					+ "\\\"json\\\",\\\"key\\\":\\\"\\\",\\\"retainSize\\\":0,\\\"schemaId\\\":\\\"\\\",\\\"strictValidation\\\":"
					+ "false,\\\"timestamp\\\":\\\"\\\",\\\"timestampFormat\\\":\\\"\\\"}}\"}");
	}

	@Test
	void controlChannelListensOnPluginNameInTheSocketDirectory() {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		assertThat(this.host.controlUrl()).isEqualTo("ipc://" + this.sockets.toAbsolutePath() + "/plugin_fake.ipc");
		assertThat(this.sockets.resolve("plugin_fake.ipc")).exists();
	}

	@Test
	void answerStartingWithHIsTakenForAStaleHandshakeAndTheSameCommandIsSentAgain() throws Exception {
		AtomicInteger count = new AtomicInteger();
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake",
				(command) -> (count.incrementAndGet() == 1) ? "handshake" : "ok");
		this.host.awaitHandshake(WAIT);
		this.host.startFunction("revert");
		List<Command> commands = this.plugin.commands();
		assertThat(commands).hasSize(2);
		assertThat(commands.get(1).text()).isEqualTo(commands.get(0).text());
	}

	@Test
	void pluginThatOnlyAnswersWithHIsGivenUpOnWhereEkuiperWouldWedgeTheChannel() throws Exception {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> "hmm, no");
		this.host.awaitHandshake(WAIT);
		assertThatExceptionOfType(HostException.class).isThrownBy(() -> this.host.sendRawCommand("{}"))
			.withMessageEndingWith("10000 answers in a row started with 'h'; eKuiper would resend forever and wedge "
					+ "this channel");
	}

	@Test
	void errorAnswerFailsTheStartWithTheExactTextAndClosesTheSourceSocket() throws Exception {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> "symbol not found");
		this.host.awaitHandshake(WAIT);
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSource("nope", "rule1", "stream1", Map.of()))
			.withMessage("receive error: symbol not found")
			.extracting(HostCommandException::answer)
			.isEqualTo("symbol not found");
		assertThat(this.sockets.resolve("rule1_stream1_0.ipc")).doesNotExist();
		assertThat(this.host.replay()).isEmpty();
	}

	@Test
	void commandWithNoPendingRequestFirstReadsAndDiscardsOneMessage() throws Exception {
		AtomicBoolean lateAnswerSent = new AtomicBoolean();
		this.host = EmbeddedHost.builder("fake")
			.socketDirectory(this.sockets)
			.commandTimeout(Duration.ofMillis(300))
			.build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> {
			if (command.text().contains("slow")) {
				sleep(Duration.ofMillis(600));
				lateAnswerSent.set(true);
				return "late";
			}
			return "ok";
		});
		this.host.awaitHandshake(WAIT);
		assertThatExceptionOfType(HostTimeoutException.class)
			.isThrownBy(() -> this.host.startSource("slow", "rule1", "stream1", Map.of()))
			.withMessageStartingWith("can't receive:");
		await().atMost(WAIT).untilTrue(lateAnswerSent);
		assertThat(this.host.sendRawCommand("{\"cmd\":\"next\"}")).isEqualTo("ok");
		assertThat(this.plugin.commands()).extracting(Command::text).last().isEqualTo("{\"cmd\":\"next\"}");
	}

	@Test
	void rawCommandReturnsTheRawAnswerAndIsNotRecorded() throws Exception {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake",
				(command) -> command.cmd().isEmpty() ? "Traceback: bad json" : "ok");
		this.host.awaitHandshake(WAIT);
		assertThat(this.host.sendRawCommand("{not json")).isEqualTo("Traceback: bad json");
		assertThat(this.host.replay()).isEmpty();
	}

	@Test
	void stopAnsweredOkForgetsTheStartWhileAFailedStopKeepsItForReplay() throws Exception {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake",
				(command) -> ("stop".equals(command.cmd()) && command.socketName().startsWith("rule2")) ? "busy"
						: "ok");
		this.host.awaitHandshake(WAIT);
		SourceConnection first = this.host.startSource("counter", "rule1", "stream1", Map.of());
		SourceConnection second = this.host.startSource("counter", "rule2", "stream1", Map.of());
		first.stop();
		assertThatExceptionOfType(HostCommandException.class).isThrownBy(second::stop)
			.withMessage("receive error: busy");
		assertThat(this.plugin.commands()).extracting(Command::cmd).containsExactly("start", "start", "stop", "stop");
		assertThat(this.host.replay()).extracting(ReplayResult::key).containsExactly("rule2_stream1_0");
	}

	@Test
	void handshakeThatNeverComesTimesOutAndSetsTheErrorStatus() {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		assertThatExceptionOfType(HostTimeoutException.class)
			.isThrownBy(() -> this.host.awaitHandshake(Duration.ofMillis(200)))
			.withMessageStartingWith("plugin fake control handshake error:");
		assertThat(this.host.status()).isEqualTo("error");
		assertThat(this.host.statusMessage()).startsWith("plugin fake control handshake error:");
	}

	@Test
	void closingTheHostRemovesItsSocketFilesWithoutSendingStop() throws Exception {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> "ok");
		this.host.awaitHandshake(WAIT);
		this.host.startSource("counter", "rule1", "stream1", Map.of());
		this.host.close();
		assertThat(Files.list(this.sockets)).isEmpty();
		assertThat(this.plugin.commands()).extracting(Command::cmd).containsExactly("start");
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
