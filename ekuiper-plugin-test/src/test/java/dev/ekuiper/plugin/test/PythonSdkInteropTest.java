package dev.ekuiper.plugin.test;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the {@code conformance} plugin, written with the official eKuiper Python SDK
 * (see {@code interop/python/README.md}), through {@link EmbeddedHost}, launched the way
 * eKuiper launches a Python plugin. The SDK hard-codes {@code /tmp} for its sockets.
 */
class PythonSdkInteropTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Path SOCKET_DIRECTORY = Path.of("/tmp");

	private static Path python;

	private static Path pluginFolder;

	@TempDir
	Path work;

	private EmbeddedHost host;

	private PluginCommand command;

	private PluginProcess process;

	private String ruleId;

	@BeforeAll
	static void locateSdkPlugin() {
		Path root = repositoryRoot();
		python = root.resolve("interop/python/.venv/bin/python");
		pluginFolder = root.resolve("interop/python/conformance");
		if (!Files.isExecutable(python)) {
			String message = "The Python SDK venv is missing; set it up with: python3 -m venv interop/python/.venv "
					+ "&& interop/python/.venv/bin/pip install -r interop/python/requirements.txt";
			if (System.getenv("CI") != null) {
				fail(message);
			}
			assumeTrue(false, message);
		}
	}

	@BeforeEach
	void launchPlugin() {
		this.ruleId = "it" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		this.host = EmbeddedHost.builder("conformance").replayOnHandshake(false).build();
		this.command = PluginCommand.installed(pluginFolder, python.toString());
		this.process = this.host.launch(this.command);
	}

	@AfterEach
	void closeHostAndRemoveSocketFilesTheKilledPluginLeft() throws Exception {
		this.host.close();
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(SOCKET_DIRECTORY, this.ruleId + "_*.ipc")) {
			for (Path leftover : leftovers) {
				Files.deleteIfExists(leftover);
			}
		}
	}

	@Test
	void pythonPluginIsLaunchedUnbufferedWithTheSingleArgumentInItsFolder() {
		assertThat(this.command.command()).containsExactly(python.toString(), "-u",
				pluginFolder.resolve("conformance.py").toString(), "{\"sendTimeout\":1000}");
		assertThat(this.command.workingDirectory()).isEqualTo(pluginFolder);
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
		FunctionConnection revert = this.host.startFunction("revert");
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
		FunctionConnection revert = this.host.startFunction("revert");
		Thread.sleep(6_000);
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
		FunctionConnection revert = this.host.startFunction("revert");
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
					okReplay("func_revert"));
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

	private static Path repositoryRoot() {
		Path folder = Path.of("").toAbsolutePath();
		while (folder != null && !Files.exists(folder.resolve("mvnw"))) {
			folder = folder.getParent();
		}
		if (folder == null) {
			throw new IllegalStateException("no folder holding mvnw above " + Path.of("").toAbsolutePath());
		}
		return folder;
	}

}
