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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.ekuiper.plugin.runtime.ChildPlugin;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.PluginProcess;
import dev.ekuiper.plugin.test.ReplayResult;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The plugin as its own process, its sink {@code collect} appending every row to a file
 * under a steady stream of acked rows: after SIGTERM every acked row is in the file and
 * nothing is left unanswered; after SIGKILL every acked row is in the file too, and the
 * relaunched plugin, given the replayed start, goes on writing.
 */
class NoLostDataProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path folder;

	private ChildPlugin plugin;

	private EmbeddedHost host;

	@BeforeEach
	void writeLauncher() throws IOException {
		this.plugin = new ChildPlugin(this.folder, "nl");
		this.host = EmbeddedHost.builder(this.plugin.name())
			.initTimeout(WAIT)
			.commandTimeout(WAIT)
			.sinkSendTimeout(Duration.ofSeconds(1))
			.ackPollInterval(Duration.ofMillis(200))
			.build();
	}

	@AfterEach
	void killWhatIsLeftAndRemoveItsSocketFiles() throws IOException {
		this.host.close();
		this.plugin.close();
	}

	@Test
	void afterSigtermEveryAckedRowIsWrittenAndNothingIsLeftUnanswered() throws Exception {
		Path rows = this.folder.resolve("rows.jsonl");
		PluginProcess process = launch();
		SinkConnection sink = this.host.startSink("collect", this.plugin.ruleId(), "collect_0",
				Map.of("path", rows.toString(), "requireAck", true));
		NoLostDataTests.Load load = run(new NoLostDataTests.Load(sink, 0), 300);
		process.terminate();
		assertThat(process.awaitExit(WAIT)).isEqualTo(OptionalInt.of(0));
		waitFor(load);
		List<Integer> written = NoLostDataTests.keys(Files.readAllLines(rows));
		System.out.printf("SIGTERM under load: %d sent, %d acked, %d refused, %d unanswered, %d written%n",
				load.sent.get(), load.acked.size(), load.refused.size(), load.unanswered.get(), written.size());
		assertThat(written).doesNotHaveDuplicates().containsAll(load.acked);
		assertThat(load.unanswered).hasValue(0);
	}

	@Test
	void afterSigkillEveryAckedRowIsWrittenAndTheRelaunchedPluginGoesOn() throws Exception {
		Path rows = this.folder.resolve("rows.jsonl");
		PluginProcess process = launch();
		SinkConnection sink = this.host.startSink("collect", this.plugin.ruleId(), "collect_0",
				Map.of("path", rows.toString(), "requireAck", true));
		NoLostDataTests.Load before = run(new NoLostDataTests.Load(sink, 0), 300);
		process.kill();
		assertThat(process.awaitExit(WAIT)).isEqualTo(OptionalInt.of(128 + 9));
		waitFor(before);
		List<Integer> written = NoLostDataTests.keys(Files.readAllLines(rows));
		System.out.printf("SIGKILL under load: %d sent, %d acked, %d unanswered (in flight when killed), %d written%n",
				before.sent.get(), before.acked.size(), before.unanswered.get(), written.size());
		assertThat(written).doesNotHaveDuplicates().containsAll(before.acked);
		assertThat(before.unanswered.get()).isLessThanOrEqualTo(1);

		launch();
		assertThat(this.host.lastReplay()).extracting(ReplayResult::ok).containsExactly(true);
		await().atMost(WAIT).until(sink::isConnected);
		NoLostDataTests.Load after = run(new NoLostDataTests.Load(sink, 1_000_000), 100);
		this.host.close();
		waitFor(after);
		assertThat(NoLostDataTests.keys(Files.readAllLines(rows))).containsAll(before.acked).containsAll(after.acked);
	}

	private PluginProcess launch() {
		PluginProcess process = this.plugin.track(this.host.launch(this.plugin.command()));
		return process;
	}

	/** Starts the load and returns once it has this many acks. */
	private static NoLostDataTests.Load run(NoLostDataTests.Load load, int acks) {
		Thread sender = new Thread(load, "host-sink-load");
		sender.setDaemon(true);
		sender.start();
		await().atMost(WAIT).until(() -> load.acked.size() >= acks);
		return load;
	}

	/** Waits until the load ends: its send fails or an ack does not come. */
	private static void waitFor(NoLostDataTests.Load load) {
		await().atMost(WAIT).until(load::finished);
	}

}
