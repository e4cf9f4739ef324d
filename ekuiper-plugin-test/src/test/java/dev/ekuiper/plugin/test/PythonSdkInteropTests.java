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

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

import dev.ekuiper.plugin.conformance.InteropPeers;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Drives the {@code conformance} plugin, written with the official eKuiper Python SDK
 * (see {@code interop/python/README.md}), through {@link EmbeddedHost}, launched the way
 * eKuiper launches a Python plugin. The SDK hard-codes {@code /tmp} for its sockets, so
 * each test runs a copy of the plugin folder that serves plugin and function names of its
 * own ({@code conformance_p<id>}, {@code revert_p<id>}), never the names an eKuiper with
 * the plugin installed, or another build, holds.
 */
class PythonSdkInteropTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Duration IDLE = Duration.ofSeconds(6);

	private static final Path SDK_SOCKET_DIRECTORY = Path.of("/tmp");

	private static Path python;

	private Path pluginFolder;

	private String suffix;

	private String revert;

	@TempDir
	Path work;

	private EmbeddedHost host;

	private PluginCommand command;

	private PluginProcess process;

	private String ruleId;

	@BeforeAll
	static void locateSdkPlugin() {
		python = InteropPeers.python();
	}

	@BeforeEach
	void launchPlugin() throws IOException {
		String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		this.ruleId = "it" + id;
		this.suffix = "_p" + id;
		this.revert = "revert" + this.suffix;
		this.pluginFolder = InteropPeers.pythonPluginCopy(this.work, this.suffix);
		this.host = EmbeddedHost.builder("conformance" + this.suffix)
			.socketDirectory(SDK_SOCKET_DIRECTORY)
			.replayOnHandshake(false)
			.build();
		this.command = PluginCommand.installed(this.pluginFolder, python.toString());
		this.process = this.host.launch(this.command);
	}

	@AfterEach
	void closeHostAndRemoveSocketFilesTheKilledPluginLeft() throws Exception {
		this.host.close();
		for (String pattern : List.of(this.ruleId + "_*.ipc", "*" + this.suffix + ".ipc")) {
			try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(SDK_SOCKET_DIRECTORY, pattern)) {
				for (Path leftover : leftovers) {
					Files.deleteIfExists(leftover);
				}
			}
		}
	}

	@Test
	void pythonPluginIsLaunchedUnbufferedWithTheSingleArgumentInItsFolder() {
		assertThat(this.command.command()).containsExactly(python.toString(), "-u",
				this.pluginFolder.resolve("conformance.py").toString(), "{\"sendTimeout\":1000}");
		assertThat(this.command.workingDirectory()).isEqualTo(this.pluginFolder);
		assertThat(this.host.status()).isEqualTo("running");
	}

	@Test
	void sourceEmitsTheConfiguredRecordsAndStopIsAnsweredOk() {
		SourceConnection source = this.host.startSource("counter", this.ruleId, "demoStream",
				Map.of("count", 5, "interval", 1));
		assertRecords(source, 5);
		source.stop();
	}

	@Test
	void sinkWithRequireAckWritesEveryRowAndAcksEachPayload() throws Exception {
		Path out = this.work.resolve("out.jsonl");
		SinkConnection sink = this.host.startSink("collect", this.ruleId, "collect_0",
				Map.of("path", out.toString(), "requireAck", true));
		sink.sendRows(List.of(Map.of("a", 1), Map.of("a", 2)));
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		sink.sendRow(Map.of("b", "x"));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		sink.send(FakePlugin.bytes("not json"));
		Ack error = sink.awaitAck(WAIT);
		assertThat(error.outcome()).isEqualTo(Ack.Outcome.ERROR);
		assertThat(error.error()).startsWith("collect: payload is not JSON");
		assertThat(Files.readAllLines(out)).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"b\":\"x\"}");
		sink.stop();
	}

	@Test
	void functionRevertsValidatesAndIsNoAggregate() {
		FunctionConnection revert = this.host.startFunction(this.revert);
		assertThat(revert.exec(List.of("abc"), this.ruleId, "op1")).isEqualTo(new FunctionResult(true, "cba"));
		assertThat(revert.isAggregate()).isFalse();
		assertThat(revert.validate(List.of(Map.of("Val", "abc")))).isEqualTo(new FunctionResult(true, ""));
		assertThat(revert.validate(List.of()).isError()).isTrue();
	}

	@Test
	void unknownSymbolIsAnsweredWithAnErrorAndThePluginKeepsServing() {
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> this.host.startSource("nosuchsource", this.ruleId, "demoStream", Map.of()))
			.satisfies((ex) -> assertThat(ex.answer()).startsWith("Traceback (most recent call last):")
				.contains("KeyError"));
		assertThat(this.host.sendRawCommand("{\"cmd\":\"start\",\"arg\":\"{\\\"pluginType\\\":\\\"nope\\\","
				+ "\\\"symbolName\\\":\\\"x\\\",\\\"meta\\\":{}}\"}"))
			.isEqualTo("symbol not found");
		SourceConnection source = this.host.startSource("counter", this.ruleId, "demoStream",
				Map.of("count", 2, "interval", 1));
		assertRecords(source, 2);
		assertThat(this.host.replay()).extracting(ReplayResult::key).containsExactly(this.ruleId + "_demoStream_0");
	}

	@Test
	void channelsLeftIdlePastTheSdkKeepAliveStillServeTheNextCommandAndCall() throws Exception {
		FunctionConnection revert = this.host.startFunction(this.revert);
		// Idle past the SDK's 5 s receive timeout, the plugin staying alive throughout.
		await().during(IDLE).atMost(IDLE.plus(WAIT)).until(() -> this.process.awaitExit(Duration.ZERO).isEmpty());
		assertThat(revert.exec(List.of("idle"), this.ruleId, "op1").result()).isEqualTo("eldi");
		SourceConnection source = this.host.startSource("counter", this.ruleId, "demoStream",
				Map.of("count", 1, "interval", 1));
		assertRecords(source, 1);
	}

	@Test
	void killedPluginIsRelaunchedAndReplayBringsBackItsSourceSinkAndFunction() throws Exception {
		Path out = this.work.resolve("out.jsonl");
		SourceConnection source = this.host.startSource("counter", this.ruleId, "demoStream",
				Map.of("count", 3, "interval", 1));
		SinkConnection sink = this.host.startSink("collect", this.ruleId, "collect_0",
				Map.of("path", out.toString(), "requireAck", true));
		FunctionConnection revert = this.host.startFunction(this.revert);
		assertRecords(source, 3);
		sink.sendRow(Map.of("run", 1));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		assertThat(revert.exec(List.of("abc"), this.ruleId, "op1").result()).isEqualTo("cba");

		this.process.kill();
		assertThat(this.process.awaitExit(WAIT)).isEqualTo(OptionalInt.of(128 + 9));
		await().atMost(WAIT).until(this.host::status, "error"::equals);

		this.process = this.host.launch(this.command);
		assertThat(this.host.replay()).extracting(ReplayResult::key, ReplayResult::ok)
			.containsExactly(okReplay(this.ruleId + "_demoStream_0"), okReplay(this.ruleId + "_collect_0_0"),
					okReplay("func_" + this.revert));
		assertRecords(source, 3);
		assertThat(revert.exec(List.of("xyz"), this.ruleId, "op1").result()).isEqualTo("zyx");
		await().atMost(WAIT).until(sink::isConnected);
		sink.sendRow(Map.of("run", 2));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		assertThat(Files.readAllLines(out)).containsExactly("{\"run\":1}", "{\"run\":2}");
	}

	private static Tuple okReplay(String key) {
		return Tuple.tuple(key, true);
	}

	private static void assertRecords(SourceConnection source, int count) {
		for (int i = 0; i < count; i++) {
			SourceTuple tuple = source.next(WAIT);
			assertThat(tuple.isValid()).isTrue();
			assertThat(tuple.message()).containsExactly(Map.entry("n", (double) i), Map.entry("text", "rec-" + i));
			assertThat(tuple.meta()).containsExactly(Map.entry("seq", (double) i));
		}
	}

}
