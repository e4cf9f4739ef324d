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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.HostException;
import dev.ekuiper.plugin.test.PluginCommand;
import dev.ekuiper.plugin.test.PluginProcess;
import dev.ekuiper.plugin.test.ReplayResult;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import dev.ekuiper.plugin.test.SourceTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The plugin as its own process, launched as eKuiper launches a {@code language:"go"}
 * plugin: a {@code #!/bin/sh} launcher that execs the JVM with
 * {@code {"sendTimeout":1000}} as the only argument, {@link PluginRuntime#serve} inside,
 * sockets in {@code /tmp}. Plugin names and rule ids are unique per test.
 */
class ChildProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** {@link RuntimeSettings#defaults()}: what {@code serve} uses. */
	private static final Duration HOST_LOSS = RuntimeSettings.defaults().hostLossTimeout();

	@TempDir
	Path folder;

	private ChildPlugin plugin;

	private EmbeddedHost host;

	@BeforeEach
	void writeLauncher() throws IOException {
		this.plugin = new ChildPlugin(this.folder, "cp");
		this.host = EmbeddedHost.builder(this.plugin.name()).initTimeout(WAIT).commandTimeout(WAIT).build();
	}

	@AfterEach
	void killWhatIsLeftAndRemoveItsSocketFiles() throws IOException {
		this.host.close();
		this.plugin.close();
	}

	@Test
	void launcherPassesEkuiperArgumentAndItsSendTimeoutIsApplied() {
		PluginProcess process = launch(this.plugin.command());
		assertThat(process.isAlive()).isTrue();
		this.host.startSource("flood", this.plugin.ruleId(), "s", Map.of("size", 16_384));
		assertThat(awaitDroppedEmitMillis(process)).as("the default argument's 1000 ms").isBetween(995L, 1900L);
		process.kill();
		process.awaitExit(WAIT);

		this.host.close();
		this.host = EmbeddedHost.builder(this.plugin.name()).initTimeout(WAIT).commandTimeout(WAIT).build();
		PluginCommand custom = new PluginCommand(List.of(this.plugin.executable().toString(), "{\"sendTimeout\":250}"),
				this.plugin.executable().getParent());
		PluginProcess other = launch(custom);
		this.host.startSource("flood", this.plugin.ruleId(), "t", Map.of("size", 16_384));
		assertThat(awaitDroppedEmitMillis(other)).isBetween(245L, 950L);
	}

	@Test
	void killedPluginIsRelaunchedAndServesEveryReplayedStartOverItsStaleSocketFile() throws Exception {
		Path rows = this.folder.resolve("rows.jsonl");
		PluginProcess process = launch(this.plugin.command());
		SourceConnection source = this.host.startSource("counter", this.plugin.ruleId(), "s",
				Map.of("count", 2, "interval", 1));
		SinkConnection sink = this.host.startSink("collect", this.plugin.ruleId(), "collect_0",
				Map.of("path", rows.toString(), "requireAck", true));
		FunctionConnection revert = this.host.startFunction("revert" + this.plugin.suffix());
		assertCounted(source, 2);
		sink.sendRow(Map.of("run", 1));
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThat(revert.exec(List.of("abc"), this.plugin.ruleId(), "op1").result()).isEqualTo("cba");

		process.kill();
		assertThat(process.awaitExit(WAIT)).isEqualTo(OptionalInt.of(128 + 9));
		Path sinkSocket = ChildPlugin.SOCKETS.resolve(this.plugin.ruleId() + "_collect_0_0.ipc");
		assertThat(sinkSocket).as("left behind by the killed process").exists();
		await().atMost(WAIT).until(this.host::status, "error"::equals);

		launch(this.plugin.command());
		assertThat(this.host.lastReplay()).extracting(ReplayResult::ok).containsExactly(true, true, true);
		assertCounted(source, 2);
		assertThat(revert.exec(List.of("xyz"), this.plugin.ruleId(), "op1").result()).isEqualTo("zyx");
		await().atMost(WAIT).until(sink::isConnected);
		sink.sendRow(Map.of("run", 2));
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThat(Files.readAllLines(rows)).containsExactly("{\"run\":1}", "{\"run\":2}");

		source.stop();
		sink.stop();
		assertThat(sinkSocket).doesNotExist();
	}

	@Test
	void aFunctionThatExhaustsTheHeapEndsTheJvmForItsSupervisorInsteadOfLeavingAZombie() {
		PluginProcess process = launch(this.plugin.command());
		FunctionConnection hog = this.host.startFunction("hog" + this.plugin.suffix());
		assertThatExceptionOfType(HostException.class)
			.isThrownBy(() -> hog.exec(List.of(), this.plugin.ruleId(), "op1"));
		assertThat(process.awaitExit(WAIT)).as("-XX:+ExitOnOutOfMemoryError's status").hasValue(3);
		assertThat(process.output()).anyMatch((line) -> line.contains("java.lang.OutOfMemoryError"));
	}

	@Test
	void sigtermStopsGracefullyAcksInFlightMessagesRemovesSocketFilesAndExitsZero() throws Exception {
		Path rows = this.folder.resolve("rows.jsonl");
		PluginProcess process = launch(this.plugin.command());
		SourceConnection source = this.host.startSource("counter", this.plugin.ruleId(), "s",
				Map.of("count", 100_000, "interval", 5));
		SinkConnection sink = this.host.startSink("slow", this.plugin.ruleId(), "slow_0",
				Map.of("path", rows.toString(), "delay", 300, "requireAck", true));
		Path sinkSocket = ChildPlugin.SOCKETS.resolve(this.plugin.ruleId() + "_slow_0_0.ipc");
		assertThat(sinkSocket).exists();
		assertThat(source.next(WAIT).isValid()).isTrue();
		for (int i = 0; i < 3; i++) {
			sink.sendRow(Map.of("n", i));
		}
		await().atMost(WAIT)
			.until(() -> process.output().stream().anyMatch((line) -> line.contains("slow: collected")));

		long terminated = System.nanoTime();
		// SIGTERM through the process handle: Process.destroy() would also close our end
		// of
		// its output, losing what it prints while it stops.
		assertThat(ProcessHandle.of(process.pid()).orElseThrow().destroy()).isTrue();
		for (int i = 0; i < 3; i++) {
			assertThat(sink.awaitAck(WAIT).rawText()).as("ack %d", i).isEqualTo("{}");
		}
		assertThat(process.awaitExit(Duration.ofSeconds(10))).isEqualTo(OptionalInt.of(0));
		assertThat(Duration.ofNanos(System.nanoTime() - terminated)).isLessThan(Duration.ofSeconds(10));
		assertThat(Files.readAllLines(rows)).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
		assertThat(sinkSocket).doesNotExist();
		assertThat(process.output()).anyMatch((line) -> line.contains("SIGTERM received"))
			.anyMatch((line) -> line.contains("slow: closed"))
			.anyMatch((line) -> line.contains("eKuiper plugin '" + this.plugin.name() + "' stopped"));
	}

	@Test
	void pluginExitsByItselfWhenTheHostIsGoneForTheHostLossTimeout() throws Exception {
		// Started by hand, so that closing the host does not kill it.
		PluginProcess process = PluginProcess.start(this.plugin.name(), this.plugin.command());
		this.plugin.track(process);
		this.host.awaitHandshake(WAIT);
		SourceConnection source = this.host.startSource("counter", this.plugin.ruleId(), "s", Map.of("count", 1));
		assertThat(source.next(WAIT).isValid()).isTrue();
		this.host.startSink("collect", this.plugin.ruleId(), "collect_0",
				Map.of("path", this.folder.resolve("x").toString()));

		long closed = System.nanoTime();
		this.host.close();
		assertThat(process.awaitExit(HOST_LOSS.plusSeconds(5))).isEqualTo(OptionalInt.of(0));
		assertThat(Duration.ofNanos(System.nanoTime() - closed)).isBetween(HOST_LOSS, HOST_LOSS.plusSeconds(5));
		assertThat(ChildPlugin.SOCKETS.resolve(this.plugin.ruleId() + "_collect_0_0.ipc")).doesNotExist();
		assertThat(process.output()).anyMatch((line) -> line.contains("eKuiper host lost (control channel down"));
	}

	@Test
	void pluginExitsByItselfWhenItsParentProcessDies() throws Exception {
		Path log = this.folder.resolve("plugin.log");
		// The parent stands in for eKuiper; it dies hard and leaves the plugin orphaned.
		Process parent = new ProcessBuilder("/bin/sh", "-c", "\"$0\" \"$1\" & wait",
				this.plugin.executable().toString(), PluginCommand.PORTABLE_ARGUMENT)
			.directory(this.plugin.executable().getParent().toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		this.plugin.track(parent.toHandle());
		this.host.awaitHandshake(WAIT);
		ProcessHandle plugin = parent.toHandle().children().findFirst().orElseThrow();
		this.plugin.track(plugin);
		assertThat(plugin.parent().map(ProcessHandle::pid)).contains(parent.pid());
		SourceConnection source = this.host.startSource("counter", this.plugin.ruleId(), "s", Map.of("count", 1));
		assertThat(source.next(WAIT).isValid()).isTrue();

		long killed = System.nanoTime();
		parent.destroyForcibly();
		await().atMost(Duration.ofSeconds(5)).until(() -> !plugin.isAlive());
		assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(5));
		assertThat(Files.readString(log)).contains("eKuiper host lost (parent process " + parent.pid()
				+ " is gone); stopping plugin '" + this.plugin.name() + "'");
	}

	private PluginProcess launch(PluginCommand command) {
		return this.plugin.track(this.host.launch(command));
	}

	private static long awaitDroppedEmitMillis(PluginProcess process) {
		Pattern dropped = Pattern.compile("flood: emit dropped after (\\d+) ms");
		return await().atMost(WAIT)
			.until(() -> process.output()
				.stream()
				.map(dropped::matcher)
				.filter(Matcher::find)
				.map((matcher) -> Long.parseLong(matcher.group(1)))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	private static void assertCounted(SourceConnection source, int count) {
		for (int i = 0; i < count; i++) {
			SourceTuple tuple = source.next(WAIT);
			assertThat(tuple.message()).containsExactly(Map.entry("n", (double) i), Map.entry("text", "rec-" + i));
			assertThat(tuple.meta()).containsExactly(Map.entry("seq", (double) i));
		}
	}

}
