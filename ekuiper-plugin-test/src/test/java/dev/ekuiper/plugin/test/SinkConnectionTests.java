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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.test.FakePlugin.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SinkConnection} against a {@link FakePlugin}.
 */
class SinkConnectionTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@TempDir
	Path sockets;

	private EmbeddedHost host;

	private FakePlugin plugin;

	private volatile boolean listenOnStart = true;

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> acks = new LinkedBlockingQueue<>();

	private final List<Boolean> ackFileExistedAtStop = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startHostAndPlugin() throws Exception {
		this.host = EmbeddedHost.builder("fake")
			.socketDirectory(this.sockets)
			.ackPollInterval(Duration.ofMillis(100))
			.build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> {
			if ("stop".equals(command.cmd())) {
				this.ackFileExistedAtStop.add(Files.exists(this.plugin.socketFile(command.socketName() + "_ack")));
				return "ok";
			}
			if (!this.listenOnStart) {
				return "ok";
			}
			try {
				PullSocket data = this.plugin.listenSink(command.socketName());
				PushSocket ack = this.plugin.dialAck(command.socketName());
				Thread sink = new Thread(() -> collect(data, ack), "fake-sink");
				sink.setDaemon(true);
				sink.start();
				return "ok";
			}
			catch (NngException ex) {
				return "cannot open sink: " + ex.getMessage();
			}
		});
		this.host.awaitHandshake(WAIT);
	}

	@AfterEach
	void closeAll() throws Exception {
		this.plugin.close();
		this.host.close();
	}

	@Test
	void sinkWithRequireAckGetsEachPayloadAndReadsTheAcks() throws Exception {
		this.acks.addAll(List.of("{}", "{\"error\":\"disk full\"}", "nonsense", "{\"error\":\"\"}"));
		SinkConnection sink = this.host.startSink("collect", "rule1", "collect_0", Map.of("requireAck", true));
		assertThat(sink.requireAck()).isTrue();
		sink.sendRow(Map.of("a", 1));
		assertThat(this.received.take()).isEqualTo("[{\"a\":1}]");
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		sink.sendSingle(Map.of("b", "x", "a", 2));
		assertThat(this.received.take()).isEqualTo("{\"a\":2,\"b\":\"x\"}");
		Ack error = sink.awaitAck(WAIT);
		assertThat(error.outcome()).isEqualTo(Ack.Outcome.ERROR);
		assertThat(error.error()).isEqualTo("disk full");
		sink.send(FakePlugin.bytes("plain text"));
		assertThat(this.received.take()).isEqualTo("plain text");
		assertThat(sink.awaitAck(WAIT).outcome()).isEqualTo(Ack.Outcome.UNPARSEABLE);
		sink.sendRows(List.of(Map.of("a", 3), Map.of("a", 4)));
		assertThat(this.received.take()).isEqualTo("[{\"a\":3},{\"a\":4}]");
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
	}

	@Test
	void ackSocketIsListenedOnEvenWithoutRequireAckAsEkuiperDoes() {
		SinkConnection sink = this.host.startSink("collect", "rule1", "collect_0", Map.of());
		assertThat(sink.requireAck()).isFalse();
		sink.sendRow(Map.of("a", 1));
		assertThat(sink.pollAck(Duration.ofMillis(300))).isEmpty();
	}

	@Test
	void failedDialAfterOkSendsStopAndFailsTheStart() {
		this.listenOnStart = false;
		assertThatExceptionOfType(HostException.class)
			.isThrownBy(() -> this.host.startSink("collect", "rule1", "collect_0", Map.of()))
			.withMessageStartingWith("can't dial on push socket:");
		assertThat(this.plugin.commands()).extracting(Command::cmd).containsExactly("start", "stop");
		assertThat(this.sockets.resolve("rule1_collect_0_0_ack.ipc")).doesNotExist();
		assertThat(this.host.replay()).isEmpty();
	}

	@Test
	void requireAckThatIsNotABooleanFailsBeforeAnyCommandIsSent() {
		assertThatExceptionOfType(HostException.class)
			.isThrownBy(() -> this.host.startSink("collect", "rule1", "collect_0", Map.of("requireAck", "true")))
			.withMessageContaining("'requireAck' expected type 'bool', got unconvertible type 'string'");
		assertThat(this.plugin.commands()).isEmpty();
	}

	@Test
	void stopClosesTheDataAndAckSocketsBeforeSendingStop() {
		SinkConnection sink = this.host.startSink("collect", "rule1", "collect_0", Map.of("requireAck", true));
		sink.stop();
		assertThat(this.ackFileExistedAtStop).containsExactly(false);
		assertThatExceptionOfType(HostException.class).isThrownBy(() -> sink.sendRow(Map.of("a", 1)));
	}

	@Test
	void theHostHoldsNothingOfASinkOnceItIsStopped() {
		int before = this.host.openResources();
		for (int i = 0; i < 20; i++) {
			this.host.startSink("collect", "rule1", "collect_" + i, Map.of()).stop();
		}
		assertThat(this.host.openResources()).isEqualTo(before);
	}

	@Test
	void sinkConfigIsSentAsWrittenWithoutDefaults() {
		this.host.startSink("collect", "rule1", "collect_0", Map.of("path", "/data/out"));
		assertThat(this.plugin.commands().get(0).arg().path("config").toString()).isEqualTo("{\"path\":\"/data/out\"}");
	}

	private void collect(PullSocket data, PushSocket ack) {
		try {
			while (true) {
				this.received.add(new String(data.receive()));
				String next = this.acks.poll();
				if (next != null) {
					ack.send(FakePlugin.bytes(next));
				}
			}
		}
		catch (NngException ex) {
			// closed
		}
	}

}
