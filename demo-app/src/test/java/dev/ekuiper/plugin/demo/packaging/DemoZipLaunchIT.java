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
package dev.ekuiper.plugin.demo.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.ekuiper.plugin.test.Ack;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.PluginCommand;
import dev.ekuiper.plugin.test.PluginProcess;
import dev.ekuiper.plugin.test.ReplayResult;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import dev.ekuiper.plugin.test.SourceTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Installs the demo's plugin zip the way eKuiper does, runs its {@code install.sh} and
 * launches the installed plugin exactly as eKuiper launches a {@code language:"go"}
 * plugin, against an {@link EmbeddedHost} in a private socket directory. Every symbol the
 * manifest lists is driven, before and after the plugin is killed and launched again.
 */
class DemoZipLaunchIT {

	private static final Logger logger = LoggerFactory.getLogger(DemoZipLaunchIT.class);

	private static final String PLUGIN = "demo";

	/** The variable the plugin's Spring environment binds to its socket directory. */
	private static final String SOCKET_DIRECTORY_VARIABLE = "EKUIPER_PLUGIN_SOCKET_DIRECTORY";

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** The host's sink dial backs off up to 5 s after the plugin went away. */
	private static final Duration RECONNECT_WAIT = Duration.ofSeconds(15);

	private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(40);

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@TempDir
	Path home;

	private Path zip;

	private Path sockets;

	private EkuiperInstallation installation;

	@BeforeEach
	void prepare() throws IOException {
		this.zip = BuiltFiles.zip();
		// Unix socket paths are short: the socket directory goes under /tmp, not under a
		// possibly long temporary directory.
		Path shortTemp = Path.of("/tmp");
		this.sockets = Files.isDirectory(shortTemp) ? Files.createTempDirectory(shortTemp, "demo-zip-")
				: Files.createTempDirectory("demo-zip-");
		this.installation = new EkuiperInstallation(this.home);
	}

	@AfterEach
	void deleteSocketDirectory() throws IOException {
		try (Stream<Path> files = Files.list(this.sockets)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
		}
		Files.deleteIfExists(this.sockets);
	}

	@Test
	@Timeout(60)
	void installedPluginServesEverySymbolAndItsReplayedStartsAfterAKill() throws Exception {
		Path folder = this.installation.unpack(this.zip, PLUGIN).toRealPath();
		JsonNode manifest = this.jsonMapper.readTree(folder.resolve(PLUGIN + ".json").toFile());
		assertSymbolFilesInstalled(manifest, folder);
		long installStart = System.nanoTime();
		String printed = this.installation.runInstallScript(PLUGIN,
				Map.of("JAVA_HOME", javaHome(), "EKUIPER_PLUGIN_TRAINING_TIMEOUT", "30"), INSTALL_TIMEOUT);
		logger.info("install.sh took {} ms: {}", millisSince(installStart), printed.strip());
		Optional<Path> archive = classDataArchive(folder);
		PluginCommand command = launchCommand(folder);
		try (EmbeddedHost host = host()) {
			long launchStart = System.nanoTime();
			PluginProcess process = host.launch(command);
			logger.info("launch to handshake after install.sh: {} ms, class-data archive {}", millisSince(launchStart),
					archive.map(Path::getFileName).map(Path::toString).orElse("none"));
			assertThat(host.status()).isEqualTo("running");
			if (archive.isPresent()) {
				assertJvmMapsArchive(process, archive.get());
			}
			Symbols symbols = new Symbols(host, folder);
			assertThat(symbols.sourceChecks.keySet()).containsExactlyInAnyOrderElementsOf(strings(manifest, "sources"));
			assertThat(symbols.sinkChecks.keySet()).containsExactlyInAnyOrderElementsOf(strings(manifest, "sinks"));
			assertThat(symbols.functionChecks.keySet())
				.containsExactlyInAnyOrderElementsOf(strings(manifest, "functions"));
			symbols.start();
			symbols.check(process, 1);

			process.kill();
			assertThat(process.awaitExit(WAIT)).hasValue(137);
			symbols.drainSources();
			long relaunchStart = System.nanoTime();
			PluginProcess relaunched = host.launch(command);
			logger.info("launch to handshake and replay after a kill: {} ms", millisSince(relaunchStart));
			// eKuiper may replay only one function start; every function must serve
			// anyway.
			assertThat(host.lastReplay()).extracting(ReplayResult::key).containsAll(symbols.dataKeys());
			assertThat(host.lastReplay()).allSatisfy((result) -> assertThat(result.ok()).as(result.key()).isTrue());
			symbols.check(relaunched, 2);

			symbols.stop();
			relaunched.kill();
			assertThat(relaunched.awaitExit(WAIT)).hasValue(137);
		}
		assertThat(socketFiles()).isEmpty();
	}

	@Test
	@Timeout(90)
	void aJvmKilledInMidTrafficIsStartedAgainAndServesEveryRuleWithoutEkuiper() throws Exception {
		Path folder = this.installation.unpack(this.zip, PLUGIN).toRealPath();
		try (EmbeddedHost host = host()) {
			PluginProcess process = host.launch(launchCommand(folder));
			Symbols symbols = new Symbols(host, folder);
			symbols.start();
			symbols.check(process, 1);
			List<ReplayResult> replayedAtLaunch = host.lastReplay();

			ProcessHandle jvm = jvm(process);
			long killed = System.nanoTime();
			jvm.destroyForcibly();
			await().atMost(WAIT).until(() -> !jvm.isAlive());
			ProcessHandle restarted = await().atMost(WAIT).until(() -> jvm(process), (next) -> next.pid() != jvm.pid());
			symbols.check(process, 2);
			logger.info("JVM killed to every symbol served again: {} ms", millisSince(killed));

			assertThat(process.isAlive()).as("the process eKuiper waits on").isTrue();
			assertThat(host.status()).isEqualTo("running");
			assertThat(host.lastReplay()).as("eKuiper replayed nothing").isEqualTo(replayedAtLaunch);
			assertThat(process.output())
				.anyMatch((line) -> line.contains("the JVM exited with status 137; restart 1 of 5"))
				.anyMatch((line) -> line
					.contains("Restoring " + symbols.dataKeys().size() + " running source(s) and sink(s)"));
			assertThat(restarted.isAlive()).isTrue();

			symbols.stop();
			process.kill();
			assertThat(process.awaitExit(WAIT)).hasValue(137);
			await().atMost(WAIT).until(() -> !restarted.isAlive());
		}
		assertThat(socketFiles()).isEmpty();
	}

	@Test
	@Timeout(30)
	void launcherRunsTheShippedJarWhenInstallShHasNotRun() throws Exception {
		Path folder = this.installation.unpack(this.zip, PLUGIN).toRealPath();
		try (EmbeddedHost host = host()) {
			long launchStart = System.nanoTime();
			PluginProcess process = host.launch(launchCommand(folder));
			logger.info("launch to handshake without install.sh: {} ms", millisSince(launchStart));
			assertThat(arguments(process)).contains("-jar", folder.resolve(PLUGIN + ".jar").toString(),
					PluginCommand.PORTABLE_ARGUMENT);
			assertThat(arguments(process)).noneMatch(
					(argument) -> argument.startsWith("-XX:SharedArchiveFile") || argument.startsWith("-XX:AOTCache"));
			try (FunctionConnection revert = host.startFunction("revert")) {
				assertThat(revert.exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("cba");
			}
			process.kill();
			assertThat(process.awaitExit(WAIT)).hasValue(137);
		}
		assertThat(socketFiles()).isEmpty();
	}

	private EmbeddedHost host() {
		return EmbeddedHost.builder(PLUGIN)
			.socketDirectory(this.sockets)
			.initTimeout(Duration.ofSeconds(30))
			.commandTimeout(WAIT)
			.build();
	}

	/**
	 * eKuiper's command for the installed plugin, run through {@code env(1)} to point the
	 * plugin at the private socket directory and at this test's Java; {@code env} execs
	 * the launcher, which execs Java, so the process is the one eKuiper would start.
	 */
	private PluginCommand launchCommand(Path folder) {
		PluginCommand installed = PluginCommand.installed(folder, "python3");
		assertThat(installed.command()).containsExactly(folder.resolve(PLUGIN).toAbsolutePath().toString(),
				PluginCommand.PORTABLE_ARGUMENT);
		assertThat(installed.workingDirectory()).isEqualTo(folder.toAbsolutePath());
		List<String> command = new ArrayList<>();
		command.add("env");
		command.add(SOCKET_DIRECTORY_VARIABLE + "=" + this.sockets);
		command.add("JAVA_HOME=" + javaHome());
		command.addAll(installed.command());
		return new PluginCommand(command, installed.workingDirectory());
	}

	/** The symbols' files go to etc/ and data/, the rest to the plugin folder. */
	private void assertSymbolFilesInstalled(JsonNode manifest, Path folder) {
		for (Path root : List.of(this.installation.etc(), this.installation.data())) {
			strings(manifest, "sources").forEach((source) -> {
				assertThat(root.resolve("sources").resolve(source + ".yaml")).isRegularFile();
				assertThat(root.resolve("sources").resolve(source + ".json")).isRegularFile();
			});
			strings(manifest, "sinks")
				.forEach((sink) -> assertThat(root.resolve("sinks").resolve(sink + ".json")).isRegularFile());
			strings(manifest, "functions").forEach(
					(function) -> assertThat(root.resolve("functions").resolve(function + ".json")).isRegularFile());
		}
		assertThat(folder.resolve("sources")).doesNotExist();
		assertThat(folder.resolve(PLUGIN + ".jar")).isRegularFile();
		assertThat(folder.resolve(manifest.path("executable").asString())).isExecutable();
	}

	/** The archive install.sh trained for this test's Java, if it could train one. */
	private static Optional<Path> classDataArchive(Path folder) throws IOException {
		Path app = folder.resolve("app");
		assertThat(app.resolve(PLUGIN + ".jar")).as("install.sh extracts the jar").isRegularFile();
		assertThat(Files.readString(app.resolve("java")).strip()).isEqualTo(javaHome() + "/bin/java");
		return Stream.of(app.resolve("app.aot"), app.resolve("app.jsa")).filter(Files::isRegularFile).findFirst();
	}

	/**
	 * The launcher hands the archive to Java, and Java maps it rather than ignoring it.
	 */
	private static void assertJvmMapsArchive(PluginProcess process, Path archive) throws IOException {
		String option = (archive.getFileName().toString().endsWith(".aot") ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=")
				+ archive;
		assertThat(arguments(process)).contains(option);
		Path maps = Path.of("/proc", Long.toString(jvm(process).pid()), "maps");
		if (Files.isReadable(maps)) {
			assertThat(Files.readAllLines(maps)).as("memory maps of the plugin")
				.anyMatch((line) -> line.endsWith(archive.toString()));
		}
	}

	private static List<String> arguments(PluginProcess process) {
		return jvm(process).info().arguments().map(List::of).orElseGet(List::of);
	}

	/** The JVM the launcher supervises: its child that runs Java. */
	private static ProcessHandle jvm(PluginProcess process) {
		return await().atMost(WAIT)
			.until(() -> ProcessHandle.of(process.pid())
				.stream()
				.flatMap(ProcessHandle::children)
				.filter((child) -> child.info().command().filter((command) -> command.endsWith("/java")).isPresent())
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	private Set<String> socketFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.sockets)) {
			return new TreeSet<>(files.map((file) -> file.getFileName().toString()).toList());
		}
	}

	private static List<String> strings(JsonNode manifest, String kind) {
		List<String> values = new ArrayList<>();
		manifest.path(kind).forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static String javaHome() {
		return Path.of(System.getProperty("java.home")).toAbsolutePath().normalize().toString();
	}

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	/**
	 * Every symbol of the demo with a rule of its own: how it is started and what it must
	 * do in each run of the plugin.
	 */
	private final class Symbols {

		private final EmbeddedHost host;

		private final Path folder;

		private final Map<String, Consumer<SourceConnection>> sourceChecks = new LinkedHashMap<>();

		private final Map<String, Map<String, Object>> sourceConfigs = new LinkedHashMap<>();

		private final Map<String, SinkCheck> sinkChecks = new LinkedHashMap<>();

		private final Map<String, Consumer<FunctionConnection>> functionChecks = new LinkedHashMap<>();

		private final Map<String, SourceConnection> startedSources = new LinkedHashMap<>();

		private final Map<String, SinkConnection> startedSinks = new LinkedHashMap<>();

		private final Map<String, FunctionConnection> startedFunctions = new LinkedHashMap<>();

		Symbols(EmbeddedHost host, Path folder) throws IOException {
			this.host = host;
			this.folder = folder;
			this.sourceChecks.put("pyjson", (source) -> assertThat(source.next(WAIT).message())
				.isEqualTo(Map.of("name", "pyjson", "value", 2021.0)));
			// eKuiper passes the yaml's default section with the stream's properties over
			// it.
			Map<String, Object> sensorConfig = new LinkedHashMap<>(installedDefaults("sensor"));
			sensorConfig.put("period", 50);
			sensorConfig.put("sensors", List.of("a", "b"));
			this.sourceConfigs.put("sensor", sensorConfig);
			this.sourceChecks.put("sensor", this::checkSensorReadings);
			this.sinkChecks.put("print", this::checkPrint);
			this.sinkChecks.put("jsonfile", this::checkJsonFile);
			this.sinkChecks.put("batchfile", this::checkBatchFile);
			this.functionChecks.put("revert", (revert) -> {
				assertThat(revert.isAggregate()).isFalse();
				assertThat(revert.validate(List.of(Map.of("Val", "abc"))).state()).isTrue();
				assertThat(revert.exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("cba");
			});
			this.functionChecks.put("c2f", (c2f) -> {
				assertThat(c2f.isAggregate()).isFalse();
				assertThat(c2f.validate(List.of(Map.of("Name", "temperature"))).state()).isTrue();
				assertThat(c2f.validate(List.of(Map.of("Val", 1), Map.of("Val", 2))).isError()).isTrue();
				assertThat(c2f.exec(List.of(100), "rule1", "op1").result()).isEqualTo(212.0);
			});
			this.functionChecks.put("stats", (stats) -> {
				assertThat(stats.isAggregate()).isTrue();
				assertThat(stats.validate(List.of(Map.of("Name", "temperature"))).state()).isTrue();
				List<Object> column = new ArrayList<>(List.of(20, 22.5));
				column.add(null);
				column.add(24);
				FunctionResult result = stats.exec(List.of(column), "rule1", "op1");
				assertThat(result.state()).isTrue();
				assertThat(result.result()).isEqualTo(Map.of("count", 3.0, "min", 20.0, "max", 24.0, "mean", 22.17));
			});
		}

		void start() {
			this.sourceChecks.keySet()
				.forEach((name) -> this.startedSources.put(name, this.host.startSource(name, "rule_" + name,
						name + "Stream", this.sourceConfigs.getOrDefault(name, Map.of()))));
			this.sinkChecks.keySet()
				.forEach((name) -> this.startedSinks.put(name,
						this.host.startSink(name, "rule_" + name, name + "_0", Map.of("requireAck", true))));
			this.functionChecks.keySet()
				.forEach((name) -> this.startedFunctions.put(name, this.host.startFunction(name)));
		}

		/**
		 * The keys the host records source and sink starts under, which it replays after
		 * a handshake.
		 */
		List<String> dataKeys() {
			List<String> keys = new ArrayList<>();
			this.sourceChecks.keySet().forEach((name) -> keys.add("rule_" + name + "_" + name + "Stream_0"));
			this.sinkChecks.keySet().forEach((name) -> keys.add("rule_" + name + "_" + name + "_0_0"));
			return keys;
		}

		void check(PluginProcess process, int run) {
			this.sourceChecks.forEach((name, check) -> check.accept(this.startedSources.get(name)));
			this.sinkChecks.forEach((name, check) -> {
				SinkConnection sink = this.startedSinks.get(name);
				await().atMost(RECONNECT_WAIT).until(sink::isConnected);
				check.check(process, sink, run);
			});
			this.functionChecks.forEach((name, check) -> check.accept(this.startedFunctions.get(name)));
		}

		/** Reads what a killed plugin sent before it died. */
		void drainSources() {
			this.startedSources.values().forEach((source) -> {
				while (source.poll(Duration.ofMillis(200)).isPresent()) {
					// Discarded.
				}
			});
		}

		void stop() {
			this.startedSources.values().forEach(SourceConnection::stop);
			this.startedSinks.values().forEach(SinkConnection::stop);
			this.startedFunctions.values().forEach(FunctionConnection::close);
		}

		private void checkSensorReadings(SourceConnection source) {
			long now = System.currentTimeMillis();
			for (int i = 0; i < 4; i++) {
				SourceTuple tuple = source.next(WAIT);
				assertThat(tuple.isValid()).as(tuple.rawText()).isTrue();
				Map<String, Object> reading = tuple.message();
				assertThat(reading).containsOnlyKeys("sensorId", "temperature", "humidity", "timestamp");
				assertThat(reading.get("sensorId")).isIn("a", "b");
				assertThat((Double) reading.get("temperature")).isBetween(18.0, 26.0);
				assertThat((Double) reading.get("humidity")).isBetween(30.0, 60.0);
				assertThat((Double) reading.get("timestamp")).isCloseTo(now, within(60_000.0));
			}
		}

		/** The rows go to the plugin's output, which eKuiper writes to its log. */
		private void checkPrint(PluginProcess process, SinkConnection print, int run) {
			print.sendRow(Map.of("name", "pyjson", "run", run));
			assertSuccess(print.awaitAck(WAIT));
			await().atMost(WAIT)
				.until(() -> process.output()
					.stream()
					.anyMatch((line) -> line.contains("receive: ") && line.contains("\"run\":" + run)));
		}

		/**
		 * The default path is relative to the plugin folder, the launch's working
		 * directory.
		 */
		private void checkJsonFile(PluginProcess process, SinkConnection jsonfile, int run) {
			jsonfile.sendRows(List.of(Map.of("run", run, "row", 1), Map.of("run", run, "row", 2)));
			assertSuccess(jsonfile.awaitAck(WAIT));
			Path file = this.folder.resolve("demo.jsonl");
			List<JsonNode> rows = readLines(file);
			assertThat(rows).hasSize(2 * run);
			assertThat(rows.subList(2 * run - 2, 2 * run)).containsExactly(
					DemoZipLaunchIT.this.jsonMapper.readTree("{\"run\":" + run + ",\"row\":1}"),
					DemoZipLaunchIT.this.jsonMapper.readTree("{\"run\":" + run + ",\"row\":2}"));
		}

		/**
		 * A batch that does not fill is written, and acknowledged, after the default
		 * linger of 1 s.
		 */
		private void checkBatchFile(PluginProcess process, SinkConnection batchfile, int run) {
			batchfile.sendRow(Map.of("run", run));
			assertSuccess(batchfile.awaitAck(WAIT));
			List<JsonNode> rows = readLines(this.folder.resolve("demo-batches.jsonl"));
			assertThat(rows).hasSize(run);
			assertThat(rows.get(run - 1)).isEqualTo(DemoZipLaunchIT.this.jsonMapper.readTree("{\"run\":" + run + "}"));
		}

		private void assertSuccess(Ack ack) {
			assertThat(ack.isSuccess()).as(ack.rawText()).isTrue();
			assertThat(ack.rawText()).isEqualTo("{}");
		}

		private List<JsonNode> readLines(Path file) {
			try {
				return Files.readAllLines(file).stream().map(DemoZipLaunchIT.this.jsonMapper::readTree).toList();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private Map<String, Object> installedDefaults(String source) throws IOException {
			Path yaml = DemoZipLaunchIT.this.installation.etc().resolve("sources").resolve(source + ".yaml");
			Map<String, Map<String, Object>> sections = new Yaml().load(Files.readString(yaml));
			return sections.get("default");
		}

	}

	/** What a sink must do in one run of the plugin. */
	@FunctionalInterface
	private interface SinkCheck {

		void check(PluginProcess process, SinkConnection sink, int run);

	}

}
