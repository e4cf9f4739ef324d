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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.test.FakePlugin.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for replaying recorded starts after a plugin restart.
 */
class ReplayTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path sockets;

	private EmbeddedHost host;

	private FakePlugin plugin;

	private final BlockingQueue<String> sinkPayloads = new LinkedBlockingQueue<>();

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
	void newHandshakeReplaysEveryStartNotStoppedAndTheConnectionsWorkAgain() throws Exception {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		FakePlugin first = startPlugin(1, false);
		this.host.awaitHandshake(WAIT);
		SourceConnection source = this.host.startSource("counter", "rule1", "stream1", Map.of());
		SinkConnection sink = this.host.startSink("collect", "rule1", "collect_0", Map.of());
		this.host.startSource("counter", "rule2", "stream1", Map.of()).stop();
		FunctionConnection revert = this.host.startFunction("revert");
		FunctionConnection upper = this.host.startFunction("upper");
		assertThat(source.next(WAIT).message()).containsEntry("generation", 1.0);
		assertThat(revert.exec(List.of(), "rule1", "op1").result()).isEqualTo("revert 1");
		List<String> firstStarts = startTexts(first);
		first.close();

		FakePlugin second = startPlugin(2, false);
		List<ReplayResult> replayed = this.host.awaitHandshake(WAIT);
		assertThat(replayed).extracting(ReplayResult::key)
			.containsExactly("rule1_stream1_0", "rule1_collect_0_0", "func_upper");
		assertThat(replayed).allMatch(ReplayResult::ok);
		assertThat(this.host.lastReplay()).isEqualTo(replayed);
		// As in eKuiper, starts are recorded by meta, which every function shares: only
		// the
		// function started last is replayed, so a plugin must open the others by itself.
		assertThat(startTexts(second)).containsExactlyElementsOf(
				firstStarts.stream().filter((text) -> !text.contains("rule2") && !text.contains("revert")).toList());
		assertThat(source.next(WAIT).message()).containsEntry("generation", 2.0);
		assertThat(upper.exec(List.of(), "rule1", "op1").result()).isEqualTo("upper 2");
		await().atMost(WAIT).until(sink::isConnected);
		sink.sendRow(Map.of("a", 1));
		assertThat(this.sinkPayloads.poll(10, TimeUnit.SECONDS)).isEqualTo("2: [{\"a\":1}]");
	}

	@Test
	void withoutAutomaticReplayNothingIsResentUntilReplayIsCalled() throws Exception {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).replayOnHandshake(false).build();
		FakePlugin first = startPlugin(1, false);
		this.host.awaitHandshake(WAIT);
		this.host.startSource("counter", "rule1", "stream1", Map.of());
		first.close();
		FakePlugin second = startPlugin(2, false);
		assertThat(this.host.awaitHandshake(WAIT)).isEmpty();
		assertThat(second.commands()).isEmpty();
		assertThat(this.host.replay()).containsExactly(new ReplayResult("rule1_stream1_0", true, "ok"));
		assertThat(second.commands()).extracting(Command::cmd).containsExactly("start");
	}

	@Test
	void replayThePluginRejectsIsReportedAndSetsTheErrorStatus() throws Exception {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		FakePlugin first = startPlugin(1, false);
		this.host.awaitHandshake(WAIT);
		this.host.startSource("counter", "rule1", "stream1", Map.of());
		first.close();
		startPlugin(2, true);
		assertThat(this.host.awaitHandshake(WAIT))
			.containsExactly(new ReplayResult("rule1_stream1_0", false, "symbol not found"));
		assertThat(this.host.status()).isEqualTo("error");
		assertThat(this.host.statusMessage()).isEqualTo("receive error: symbol not found");
	}

	private FakePlugin startPlugin(int generation, boolean rejectStarts) throws NngException {
		AtomicReference<FakePlugin> self = new AtomicReference<>();
		FakePlugin plugin = FakePlugin.start(this.sockets, "fake", (command) -> {
			if (rejectStarts) {
				return "symbol not found";
			}
			try {
				return answer(self.get(), generation, command);
			}
			catch (NngException ex) {
				return "failed: " + ex.getMessage();
			}
		});
		self.set(plugin);
		this.plugin = plugin;
		return plugin;
	}

	private String answer(FakePlugin plugin, int generation, Command command) throws NngException {
		if (!"start".equals(command.cmd())) {
			return "ok";
		}
		switch (command.pluginType()) {
			case "source" -> plugin.dialSource(command.socketName())
				.send(FakePlugin.bytes("{\"message\":{\"generation\":" + generation + "}}"));
			case "sink" -> {
				PullSocket data = plugin.listenSink(command.socketName());
				plugin.dialAck(command.socketName());
				Thread thread = new Thread(() -> collect(generation, data));
				thread.setDaemon(true);
				thread.start();
			}
			default -> plugin.serveFunction(command.symbol(),
					(request) -> "{\"state\":true,\"result\":\"" + command.symbol() + " " + generation + "\"}");
		}
		return "ok";
	}

	private void collect(int generation, PullSocket data) {
		try {
			while (true) {
				this.sinkPayloads.add(generation + ": " + new String(data.receive()));
			}
		}
		catch (NngException ex) {
			// closed
		}
	}

	private static List<String> startTexts(FakePlugin plugin) {
		return plugin.commands()
			.stream()
			.filter((command) -> "start".equals(command.cmd()))
			.map(Command::text)
			.toList();
	}

}
