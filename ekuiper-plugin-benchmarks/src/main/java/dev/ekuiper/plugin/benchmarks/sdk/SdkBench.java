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
package dev.ekuiper.plugin.benchmarks.sdk;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.ekuiper.plugin.benchmarks.NngBench;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.HostTimeoutException;
import dev.ekuiper.plugin.test.PluginCommand;
import dev.ekuiper.plugin.test.PluginProcess;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;

/**
 * End-to-end benchmark of the plugin {@code bench} written with this SDK's Spring Boot
 * starter ({@link BenchPluginApplication}) against the same plugin written with the
 * official eKuiper Python SDK ({@code interop/python/bench/bench.py}) and the official Go
 * SDK (the anchor {@code ../shared/anchors/go-sdk/}: {@code bench/} as shipped and
 * {@code guard/bench/} with a workaround for the SDK's stopped-sink bug). Each plugin is
 * launched as eKuiper launches it (one JSON argument, the plugin folder as working
 * directory) and driven by one {@link EmbeddedHost}, which plays eKuiper's side of the
 * protocol.
 *
 * <p>
 * Per SDK and run, on one plugin process, in this order: launch → handshake, RSS after
 * the handshake, the time from a start command to the first record, source records/s
 * (host PULL), sink messages/s without and with {@code requireAck} (host PUSH of
 * {@code [{"n":i}]}), sequential function calls/s with p50/p99 latency, the peak RSS
 * (VmHWM) after all of that, and the CPU the process uses while idle afterwards. On a
 * second process: the RSS growth per running rule (a source and a sink each) with 1, 10
 * and 50 rules. A shape that gets no answer within its deadline is reported as hanging,
 * with the reason. The raw Java Unix-socket ping-pong and stream of {@link NngBench} are
 * measured alongside, as the physical limit. Prints {@code key=value} lines, then
 * Markdown tables of median [min..max] and the ratios.
 *
 * <p>
 * Settings are environment variables: {@code QUICK=1} (small counts, one run, for CI),
 * {@code RUNS} (default 3), {@code SDKS} (default {@code "java python go go-guard"}, the
 * Go columns only when their anchor exists), {@code PYTHON} (default
 * {@code interop/python/.venv/bin/python}), {@code SHARED_DIR} or the system property
 * {@code sdkbench.shared-dir} (the folder with {@code anchors/go-sdk}, default
 * {@code ../shared} beside the repository root), {@code PLUGIN_JAVA_OPTS} (default the
 * launcher's default options), {@code PLUGIN_JAVA} (the {@code java} that runs the Java
 * plugin, default this JVM's), {@code CDS=0} to skip the column with a class-data archive
 * (an AOT cache where the plugin's Java has them, Java 25 and later, else a CDS archive,
 * as the plugin's {@code install.sh} trains), {@code RAW=0} to skip the raw socket,
 * {@code ACK_TIMEOUT} (seconds to wait for one ack before the acked sink counts as
 * hanging, default 10).
 */
public final class SdkBench {

	/** The JVM options the Maven plugin's launcher uses by default. */
	public static final String LAUNCHER_JAVA_OPTS = "-Xms16m -Xmx96m -XX:NewRatio=5 -Xss512k -XX:+UseSerialGC "
			+ "-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5";

	/**
	 * The rule id of every start; unique per benchmark process, so that the socket files
	 * a killed plugin leaves in {@code /tmp} can be told from another run's.
	 */
	private static final String RULE = "sdkbench_" + ProcessHandle.current().pid();

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** How long a run waits for another run to release the fixed socket names. */
	private static final Duration LOCK_WAIT = Duration.ofMinutes(5);

	/** The window over which the idle process's CPU use is measured. */
	private static final Duration CPU_WINDOW = Duration.ofSeconds(1);

	private static final Path TMP = Path.of("/tmp");

	private final Options options;

	private final PrintStream log;

	private final List<Sample> samples = new ArrayList<>();

	private SdkBench(Options options, PrintStream log) {
		this.options = options;
		this.log = log;
	}

	/**
	 * Runs the benchmark with settings from the environment and prints the tables.
	 * @param args ignored
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.fromEnvironment();
		List<Sample> samples = run(options, System.err);
		System.out.println();
		System.out.println(summary(samples, options));
	}

	/**
	 * Runs the benchmark.
	 * @param options what to run
	 * @param log where the {@code key=value} lines and progress go
	 * @return every measurement
	 * @throws Exception on failure
	 * @throws FixedSockets.InUseException if the fixed socket names of the Python or Go
	 * plugin are held by a listener that is not a benchmark run
	 */
	public static List<Sample> run(Options options, PrintStream log) throws Exception {
		SdkBench bench = new SdkBench(options, log);
		bench.runAll();
		return bench.samples;
	}

	private void runAll() throws Exception {
		for (String sdk : this.options.sdks()) {
			Optional<Path> folder = goPluginFolder(sdk);
			if (folder.isPresent() && !Files.isExecutable(folder.get().resolve("bench"))) {
				throw new IllegalStateException("SDK " + sdk + " needs the Go SDK anchor's plugin " + folder.get()
						+ "/bench: set SHARED_DIR to the folder holding anchors/go-sdk");
			}
		}
		Path work = Files.createTempDirectory("sdkbench");
		try {
			List<String> order = new ArrayList<>(this.options.sdks());
			String classPath = order.contains("java") ? pluginClassPath(work) : null;
			String archive = null;
			if (order.contains("java") && this.options.cds()) {
				archive = trainArchive(work, classPath);
				if (archive != null) {
					order.add(order.indexOf("java") + 1, "java-cds");
				}
			}
			for (int run = 1; run <= this.options.runs(); run++) {
				this.log.println("== run " + run + "/" + this.options.runs() + " (order: " + order + ", idle "
						+ idlePercent() + "%)");
				for (String sdk : order) {
					Launch launch = launch(sdk, work, classPath, archive);
					measure(sdk, run, launch, work);
					rules(sdk, run, launch, work);
				}
				if (this.options.raw()) {
					raw(run);
				}
				order.add(order.remove(0));
			}
		}
		finally {
			deleteTree(work);
		}
	}

	/** How one SDK's plugin is started, and where its sockets are. */
	private record Launch(PluginCommand command, Path sockets, boolean fixedNames) {

		/**
		 * Creates the host, first taking the fixed socket names if this plugin uses them.
		 */
		Hosted open() throws IOException, InterruptedException {
			FixedSockets hold = this.fixedNames
					? FixedSockets.hold(this.sockets, BenchPluginApplication.NAME, LOCK_WAIT) : null;
			try {
				return new Hosted(host(this.sockets), this, hold);
			}
			catch (RuntimeException ex) {
				if (hold != null) {
					hold.close();
				}
				throw ex;
			}
		}

	}

	/**
	 * A host for one plugin process. Closing it kills the plugin, removes the socket
	 * files it left in a shared folder and then releases the fixed socket names.
	 */
	private record Hosted(EmbeddedHost host, Launch launch, FixedSockets hold) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			try {
				this.host.close();
				removeLeftovers(this.launch);
			}
			finally {
				if (this.hold != null) {
					this.hold.close();
				}
			}
		}

	}

	private Launch launch(String sdk, Path work, String classPath, String archive) throws IOException {
		Optional<Path> goFolder = goPluginFolder(sdk);
		if (goFolder.isPresent()) {
			// As eKuiper starts an installed plugin folder: <folder>/<executable> of
			// bench.json.
			return new Launch(PluginCommand.installed(goFolder.get(), this.options.python().toString()), TMP, true);
		}
		Path sockets = work.resolve("sockets");
		return switch (sdk) {
			case "java" ->
				new Launch(javaCommand(work, "bench", classPath, null), Files.createDirectories(sockets), false);
			case "java-cds" ->
				new Launch(javaCommand(work, "bench-cds", classPath, archive), Files.createDirectories(sockets), false);
			case "python" -> new Launch(pythonCommand(), TMP, true);
			default -> throw new IllegalArgumentException("unknown SDK " + sdk + " (java, python, go, go-guard)");
		};
	}

	/** The installed plugin folder of a Go SDK column, empty for the other SDKs. */
	private Optional<Path> goPluginFolder(String sdk) {
		return switch (sdk) {
			case "go" -> Optional.of(this.options.goSdk().resolve("bench"));
			case "go-guard" -> Optional.of(this.options.goSdk().resolve("guard/bench"));
			default -> Optional.empty();
		};
	}

	private void measure(String sdk, int run, Launch launch, Path work) throws IOException, InterruptedException {
		Options o = this.options;
		try (Hosted hosted = launch.open()) {
			EmbeddedHost host = hosted.host();
			long t0 = System.nanoTime();
			PluginProcess process = host.launch(launch.command());
			record(sdk, run, "handshake_ms", millisSince(t0));
			record(sdk, run, "rss_idle_kb", status(process.pid(), "VmRSS"));

			// Streams run for a while before they are measured: the JIT of a plugin with
			// the
			// launcher's flags (C1 only, late compilation) takes several hundred thousand
			// records to settle. The first start of all also gives the time to the first
			// record.
			shape(sdk, run, List.of("first_record_ms", "source_per_s"), () -> {
				long warmUntil = System.nanoTime() + o.streamWarmup().toNanos();
				for (int i = 0; i == 0 || System.nanoTime() - warmUntil < 0; i++) {
					SourceRun warm = source(host, "warm_src_" + i, o.sourceCount());
					if (i == 0) {
						record(sdk, run, "first_record_ms", warm.firstRecordMs());
					}
				}
				record(sdk, run, "source_per_s", source(host, "src", o.sourceCount()).perSecond());
			});

			// Each stopped sink of the Go SDK as shipped keeps a CPU busy from here on
			// (see
			// docs/performance.md): the shapes after this one show it, and so does
			// idle_cpu_pct.
			shape(sdk, run, List.of("sink_per_s"), () -> {
				long warmUntil = System.nanoTime() + o.streamWarmup().toNanos();
				for (int i = 0; i == 0 || System.nanoTime() - warmUntil < 0; i++) {
					sink(host, work, "warm_sink_" + i, false, o.sinkCount());
				}
				record(sdk, run, "sink_per_s", sink(host, work, "sink_0", false, o.sinkCount()));
			});
			shape(sdk, run, List.of("sink_ack_per_s"), () -> {
				sink(host, work, "warm_ack_0", true, o.warmup());
				record(sdk, run, "sink_ack_per_s", sink(host, work, "ack_0", true, o.ackCount()));
			});

			shape(sdk, run, List.of("func_per_s", "func_p50_us", "func_p99_us"), () -> {
				FunctionConnection echo = host.startFunction("bench_echo");
				for (int i = 0; i < o.warmup(); i++) {
					call(echo);
				}
				long[] nanos = new long[o.callCount()];
				long start = System.nanoTime();
				for (int i = 0; i < nanos.length; i++) {
					long t = System.nanoTime();
					call(echo);
					nanos[i] = System.nanoTime() - t;
				}
				double secs = (System.nanoTime() - start) / 1e9;
				Arrays.sort(nanos);
				record(sdk, run, "func_per_s", nanos.length / secs);
				record(sdk, run, "func_p50_us", percentile(nanos, 0.50) / 1e3);
				record(sdk, run, "func_p99_us", percentile(nanos, 0.99) / 1e3);
			});
			record(sdk, run, "rss_peak_kb", status(process.pid(), "VmHWM"));
			record(sdk, run, "idle_cpu_pct", idleCpuPercent(process.pid()));
		}
	}

	/**
	 * On a fresh plugin process: starts rules of a source and a sink each, one record
	 * through each, and records the RSS growth per rule over the RSS after the handshake
	 * once each rule count runs (1, 10 and 50 by default). The rules are never stopped
	 * (the process is killed): a stopped sink would make the Go SDK spin.
	 */
	private void rules(String sdk, int run, Launch launch, Path work) throws IOException, InterruptedException {
		List<String> figures = this.options.ruleCounts().stream().map(SdkBench::ruleFigure).toList();
		try (Hosted hosted = launch.open()) {
			EmbeddedHost host = hosted.host();
			PluginProcess process = host.launch(launch.command());
			double base = status(process.pid(), "VmRSS");
			shape(sdk, run, figures, () -> {
				int running = 0;
				for (int rules : this.options.ruleCounts()) {
					while (running < rules) {
						rule(host, work, RULE + "_r" + running);
						running++;
					}
					record(sdk, run, ruleFigure(rules), (status(process.pid(), "VmRSS") - base) / rules);
				}
			});
		}
	}

	private static String ruleFigure(int rules) {
		return "rss_rule_" + rules + "_kb";
	}

	/**
	 * A running rule: a source that has sent its one record and a sink that has counted
	 * one.
	 */
	private static void rule(EmbeddedHost host, Path work, String ruleId) throws IOException {
		SourceConnection source = host.startSource("bench_source", ruleId, "src", Map.of("count", 1));
		source.next(WAIT);
		Path done = work.resolve(ruleId + ".done");
		SinkConnection sink = host.startSink("bench_sink", ruleId, "sink",
				Map.of("requireAck", false, "expect", 1, "doneFile", done.toString()));
		sink.send("[{\"n\":0}]".getBytes(StandardCharsets.UTF_8));
		awaitFile(done, "bench_sink of rule " + ruleId + " did not count its message");
		Files.deleteIfExists(done);
	}

	/** Removes the socket files of this run that a killed plugin left in {@code /tmp}. */
	private static void removeLeftovers(Launch launch) throws IOException {
		if (!launch.fixedNames()) {
			return;
		}
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(launch.sockets(), RULE + "_*.ipc")) {
			for (Path leftover : leftovers) {
				Files.deleteIfExists(leftover);
			}
		}
	}

	/** One shape of the load, which records its own figures. */
	@FunctionalInterface
	private interface Shape {

		void run() throws IOException;

	}

	/**
	 * Runs a shape; if the plugin stops answering within a deadline, records its figures
	 * not measured yet as hanging, with the reason, and goes on.
	 */
	private void shape(String sdk, int run, List<String> figures, Shape shape) throws IOException {
		try {
			shape.run();
		}
		catch (HostTimeoutException | Stalled ex) {
			for (String figure : figures) {
				if (this.samples.stream()
					.noneMatch((s) -> s.sdk().equals(sdk) && s.run() == run && s.figure().equals(figure))) {
					Sample sample = new Sample(sdk, run, figure, Double.NaN, ex.getMessage());
					this.samples.add(sample);
					this.log.println(sample);
				}
			}
		}
	}

	private static void call(FunctionConnection echo) {
		FunctionResult result = echo.exec(List.of("hello"), RULE, "project");
		if (!result.state() || !"hello".equals(result.result())) {
			throw new IllegalStateException("bench_echo answered " + result);
		}
	}

	/**
	 * A measured source.
	 *
	 * @param firstRecordMs from sending start to receiving the first record
	 * @param perSecond records/s from the first record to the last
	 */
	private record SourceRun(double firstRecordMs, double perSecond) {
	}

	/** Starts a source and receives count records. */
	private static SourceRun source(EmbeddedHost host, String opId, int count) {
		long start = System.nanoTime();
		SourceConnection source = host.startSource("bench_source", RULE, opId, Map.of("count", count));
		long first = 0;
		for (int i = 0; i < count; i++) {
			source.next(WAIT);
			if (i == 0) {
				first = System.nanoTime();
			}
		}
		SourceRun result = new SourceRun((first - start) / 1e6, (count - 1) / ((System.nanoTime() - first) / 1e9));
		source.stop();
		return result;
	}

	/**
	 * Sends count rows; with acks awaits each, without waits for the sink's done file.
	 * Returns messages/s from the first send to the last ack or the done file.
	 */
	private double sink(EmbeddedHost host, Path work, String opId, boolean requireAck, int count) throws IOException {
		Path done = work.resolve(opId + "-" + System.nanoTime() + ".done");
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("requireAck", requireAck);
		config.put("expect", count);
		config.put("doneFile", done.toString());
		byte[][] payloads = new byte[count][];
		for (int i = 0; i < count; i++) {
			payloads[i] = ("[{\"n\":" + i + "}]").getBytes(StandardCharsets.UTF_8);
		}
		SinkConnection sink = host.startSink("bench_sink", RULE, opId, config);
		try {
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				sink.send(payloads[i]);
				if (requireAck && !awaitAck(sink, i)) {
					throw new IllegalStateException("bench_sink acked an error");
				}
			}
			if (!requireAck) {
				awaitFile(done, "bench_sink did not count " + count + " messages");
			}
			return count / ((System.nanoTime() - start) / 1e9);
		}
		finally {
			sink.stop();
			Files.deleteIfExists(done);
		}
	}

	/**
	 * Awaits the ack of message i up to the ack deadline; eKuiper itself would wait for
	 * ever.
	 */
	private boolean awaitAck(SinkConnection sink, int i) {
		Duration timeout = this.options.ackTimeout();
		try {
			return sink.awaitAck(timeout).isSuccess();
		}
		catch (HostTimeoutException ex) {
			throw new Stalled("no ack for message " + (i + 1) + " within " + timeout.toSeconds()
					+ " s (eKuiper, which waits for every ack, would wait until the rule stops)");
		}
	}

	private static void awaitFile(Path file, String failure) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!Files.exists(file)) {
			if (System.nanoTime() - deadline > 0) {
				throw new Stalled(failure + " within " + WAIT.toSeconds() + " s");
			}
			Thread.onSpinWait();
		}
	}

	/** The plugin stopped making progress in a shape. */
	private static final class Stalled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Stalled(String message) {
			super(message);
		}

	}

	private void raw(int run) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(javaBin(), "-cp", classPath(), NngBench.class.getName(), "rawuds", "-s", "100"));
		if (this.options.quick()) {
			command.addAll(List.of("-n", "5000", "-w", "500", "-d", "0.5"));
		}
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				Map<String, String> kv = new LinkedHashMap<>();
				for (String word : line.trim().split("\\s+")) {
					int eq = word.indexOf('=');
					if (eq > 0) {
						kv.put(word.substring(0, eq), word.substring(eq + 1));
					}
				}
				if ("rawuds-pingpong".equals(kv.get("bench"))) {
					record("raw", run, "func_p50_us", Double.parseDouble(kv.get("p50_us")));
					record("raw", run, "func_p99_us", Double.parseDouble(kv.get("p99_us")));
					record("raw", run, "func_per_s", Double.parseDouble(kv.get("rt_per_s")));
				}
				else if ("rawuds-stream".equals(kv.get("bench"))) {
					record("raw", run, "stream_per_s", Double.parseDouble(kv.get("msgs_per_s")));
				}
			}
		}
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("NngBench rawuds failed");
		}
	}

	/**
	 * Trains a class-data archive for the Java plugin as the plugin's install.sh does: an
	 * AOT cache if its Java takes one, else a dynamic CDS archive.
	 * @return the JVM options that use it, or {@code null} if none could be trained
	 */
	private String trainArchive(Path work, String classPath) throws IOException, InterruptedException {
		Path aot = work.resolve("bench.aot");
		if (train(work, classPath, "-XX:AOTCacheOutput=" + aot, aot)) {
			this.log.println("trained an AOT cache for " + this.options.pluginJava());
			return quote("-XX:AOTCache=" + aot);
		}
		Path jsa = work.resolve("bench.jsa");
		if (train(work, classPath, "-XX:ArchiveClassesAtExit=" + jsa, jsa)) {
			this.log.println("trained a CDS archive for " + this.options.pluginJava());
			return "-Xshare:auto " + quote("-XX:SharedArchiveFile=" + jsa);
		}
		Path trainingLog = work.resolve("archive-training.log");
		List<String> lines = Files.isRegularFile(trainingLog) ? Files.readAllLines(trainingLog) : List.of();
		this.log.println("no class-data archive could be trained; skipping that column. The training said:");
		lines.subList(Math.max(0, lines.size() - 10), lines.size()).forEach((line) -> this.log.println("  " + line));
		return null;
	}

	/** Runs the plugin until its context is refreshed, recording an archive at exit. */
	private boolean train(Path work, String classPath, String recordOption, Path archive)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(this.options.pluginJava());
		command.addAll(Arrays.asList(this.options.pluginJavaOpts().split("\\s+")));
		command.addAll(List.of(recordOption, "-Dspring.context.exit=onRefresh",
				"-Dekuiper.plugin.socket-directory=" + work.resolve("training"), "-cp", classPath,
				BenchPluginApplication.class.getName()));
		Process process = new ProcessBuilder(command).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("archive-training.log").toFile()))
			.start();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		return Files.isRegularFile(archive) && Files.size(archive) > 0;
	}

	private PluginCommand javaCommand(Path work, String folderName, String classPath, String archiveOptions)
			throws IOException {
		Path folder = Files.createDirectories(work.resolve(folderName));
		// As the plugin's launcher does.
		StringBuilder script = new StringBuilder("#!/bin/sh\nMALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}\n")
			.append("export MALLOC_ARENA_MAX\nexec ")
			.append(quote(this.options.pluginJava()));
		script.append(' ').append(this.options.pluginJavaOpts());
		if (archiveOptions != null) {
			script.append(' ').append(archiveOptions);
		}
		script.append(' ').append(quote("-Dekuiper.plugin.socket-directory=" + work.resolve("sockets")));
		script.append(" -cp ").append(quote(classPath));
		script.append(' ').append(BenchPluginApplication.class.getName()).append(" \"$@\"\n");
		Path executable = folder.resolve("bench");
		Files.writeString(executable, script);
		Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
		return PluginCommand.go(executable);
	}

	private PluginCommand pythonCommand() {
		return PluginCommand.python(this.options.python().toString(),
				this.options.root().resolve("interop/python/bench/bench.py"));
	}

	/**
	 * A host with eKuiper's behaviour but longer send and receive timeouts than eKuiper's
	 * 5 s: a plugin freshly launched on a busy machine may take longer to take its first
	 * message, which is slow, not hanging.
	 */
	private static EmbeddedHost host(Path sockets) {
		return EmbeddedHost.builder(BenchPluginApplication.NAME)
			.socketDirectory(sockets)
			.initTimeout(Duration.ofSeconds(60))
			.sinkSendTimeout(WAIT)
			.functionSendTimeout(WAIT)
			.functionReceiveTimeout(WAIT)
			.build();
	}

	private void record(String sdk, int run, String figure, double value) {
		Sample sample = new Sample(sdk, run, figure, value, null);
		this.samples.add(sample);
		this.log.println(sample);
	}

	private static double millisSince(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e6;
	}

	private static double percentile(long[] sorted, double p) {
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	/**
	 * One memory figure of a process in KiB from {@code /proc/<pid>/status}:
	 * {@code VmRSS} (resident now) or {@code VmHWM} (the peak).
	 */
	static double status(long pid, String field) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
			return lines.filter((line) -> line.startsWith(field + ":"))
				.mapToDouble((line) -> Double.parseDouble(line.replaceAll("[^0-9]", "")))
				.findFirst()
				.orElse(Double.NaN);
		}
		catch (IOException ex) {
			return Double.NaN;
		}
	}

	/** The CPU a process uses over {@link #CPU_WINDOW} in per cent of one core. */
	private static double idleCpuPercent(long pid) throws InterruptedException {
		Optional<ProcessHandle> handle = ProcessHandle.of(pid);
		if (handle.isEmpty()) {
			return Double.NaN;
		}
		Optional<Duration> before = handle.get().info().totalCpuDuration();
		long start = System.nanoTime();
		Thread.sleep(CPU_WINDOW.toMillis());
		Optional<Duration> after = handle.get().info().totalCpuDuration();
		if (before.isEmpty() || after.isEmpty()) {
			return Double.NaN;
		}
		return 100.0 * after.get().minus(before.get()).toNanos() / (System.nanoTime() - start);
	}

	/** Percentage of CPU time idle over half a second, from {@code /proc/stat}. */
	static int idlePercent() {
		try {
			long[] a = cpu();
			Thread.sleep(500);
			long[] b = cpu();
			return (b[0] > a[0]) ? (int) (100 * (b[1] - a[1]) / (b[0] - a[0])) : 100;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static long[] cpu() throws IOException {
		String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long total = 0;
		for (int i = 1; i <= 8 && i < f.length; i++) {
			total += Long.parseLong(f[i]);
		}
		return new long[] { total, Long.parseLong(f[4]) + Long.parseLong(f[5]) };
	}

	/**
	 * The classpath of this JVM with absolute entries: the plugins run in their own
	 * folder.
	 */
	static String classPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
	}

	/**
	 * The classpath of the Java plugin: this JVM's, with every folder on it (the build's
	 * classes, when run from the tests) packed into a jar under {@code work}. An
	 * installed plugin runs from jars, and a CDS archive refuses a classpath with a
	 * non-empty folder.
	 */
	private static String pluginClassPath(Path work) throws IOException {
		List<String> entries = new ArrayList<>();
		for (String entry : classPath().split(File.pathSeparator)) {
			Path folder = Path.of(entry);
			if (Files.isDirectory(folder)) {
				Path jar = work.resolve("classpath-" + entries.size() + ".jar");
				pack(folder, jar);
				entries.add(jar.toString());
			}
			else {
				entries.add(entry);
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	/**
	 * Packs a folder into a jar, folder entries included (classpath scanning lists them).
	 */
	private static void pack(Path folder, Path jar) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted().toList()) {
				if (path.equals(folder)) {
					continue;
				}
				String name = folder.relativize(path).toString().replace(File.separatorChar, '/');
				boolean isFolder = Files.isDirectory(path);
				out.putNextEntry(new JarEntry(isFolder ? name + "/" : name));
				if (!isFolder) {
					Files.copy(path, out);
				}
				out.closeEntry();
			}
		}
	}

	static String javaBin() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String quote(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/**
	 * Markdown tables: per figure, median [min..max] per SDK and the ratios Java/Python
	 * and Java/Go, then why a shape hangs where one does.
	 * @param samples the measurements
	 * @param options the settings they were taken with
	 * @return the tables
	 */
	public static String summary(List<Sample> samples, Options options) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%d cpus, %s, runs=%d%s, %s%n", Runtime.getRuntime().availableProcessors(),
				"Java " + System.getProperty("java.version"), options.runs(), options.quick() ? " (QUICK)" : "",
				LocalDate.now()));
		out.append(String.format(
				"counts: source %d, sink %d (each after streaming for %d s), sink with ack %d, "
						+ "function %d (each after %d warm-up), rules %s%n%n",
				options.sourceCount(), options.sinkCount(), options.streamWarmup().toSeconds(), options.ackCount(),
				options.callCount(), options.warmup(), options.ruleCounts()));
		out.append("| figure | Java (starter) | Java + CDS/AOT cache | Python SDK | Go SDK | Go SDK, guard "
				+ "| raw Java socket | Java/Python | Java/Go |\n");
		out.append("|---|---|---|---|---|---|---|---:|---:|\n");
		List<String[]> figures = new ArrayList<>();
		figures.add(new String[] { "handshake_ms", "launch → handshake, ms", "%.0f" });
		figures.add(new String[] { "first_record_ms", "start → first record, ms", "%.1f" });
		figures.add(new String[] { "rss_idle_kb", "RSS after handshake (idle), MiB", "%.1f" });
		figures.add(new String[] { "rss_peak_kb", "peak RSS under load, MiB", "%.1f" });
		for (int rules : options.ruleCounts()) {
			figures.add(new String[] { ruleFigure(rules),
					"RSS growth per rule, " + rules + " rule" + ((rules == 1) ? "" : "s") + " running, KiB", "%.0f" });
		}
		figures.add(new String[] { "source_per_s", "source records/s", "%.0f" });
		figures.add(new String[] { "sink_per_s", "sink msgs/s, no ack", "%.0f" });
		figures.add(new String[] { "sink_ack_per_s", "sink msgs/s, requireAck", "%.0f" });
		figures.add(new String[] { "func_per_s", "function calls/s", "%.0f" });
		figures.add(new String[] { "func_p50_us", "function p50, µs", "%.1f" });
		figures.add(new String[] { "func_p99_us", "function p99, µs", "%.1f" });
		figures.add(new String[] { "idle_cpu_pct", "CPU while idle after the shapes, % of a core", "%.0f" });
		for (String[] figure : figures) {
			String key = figure[0];
			String rawKey = switch (key) {
				case "source_per_s", "sink_per_s" -> "stream_per_s";
				default -> key;
			};
			double scale = (key.equals("rss_idle_kb") || key.equals("rss_peak_kb")) ? 1024.0 : 1.0;
			double java = median(samples, "java", key);
			out.append("| ").append(figure[1]);
			for (String sdk : List.of("java", "java-cds", "python", "go", "go-guard")) {
				out.append(" | ").append(cell(samples, sdk, key, figure[2], scale));
			}
			out.append(" | ").append(cell(samples, "raw", rawKey, figure[2], 1.0));
			boolean ratios = !key.equals("idle_cpu_pct");
			out.append(" | ").append(ratios ? ratio(java, median(samples, "python", key)) : "-");
			out.append(" | ").append(ratios ? ratio(java, median(samples, "go", key)) : "-");
			out.append(" |\n");
		}
		List<String> hangs = samples.stream()
			.filter((s) -> s.hang() != null)
			.map((s) -> "- " + s.sdk() + ", " + s.figure() + ": hangs, " + s.hang())
			.distinct()
			.toList();
		if (!hangs.isEmpty()) {
			out.append('\n');
			hangs.forEach((line) -> out.append(line).append('\n'));
		}
		return out.toString();
	}

	private static String ratio(double a, double b) {
		return (Double.isNaN(a) || Double.isNaN(b) || b == 0) ? "-" : String.format("%.2f×", a / b);
	}

	private static String cell(List<Sample> samples, String sdk, String figure, String format, double scale) {
		double[] values = values(samples, sdk, figure);
		long hangs = samples.stream()
			.filter((s) -> s.sdk().equals(sdk) && s.figure().equals(figure) && s.hang() != null)
			.count();
		if (values.length == 0) {
			return (hangs > 0) ? "hangs" : "-";
		}
		String median = String.format(format, values[(values.length - 1) / 2] / scale);
		String cell = (values.length == 1) ? median : median + " [" + String.format(format, values[0] / scale) + ".."
				+ String.format(format, values[values.length - 1] / scale) + "]";
		return (hangs > 0) ? cell + ", hangs in " + hangs + " runs" : cell;
	}

	/**
	 * Returns the median of one figure of one SDK (the lower middle for an even count).
	 * @param samples the measurements
	 * @param sdk {@code java}, {@code java-cds}, {@code python}, {@code go},
	 * {@code go-guard} or {@code raw}
	 * @param figure the figure key
	 * @return the median, NaN if none
	 */
	public static double median(List<Sample> samples, String sdk, String figure) {
		double[] values = values(samples, sdk, figure);
		return (values.length == 0) ? Double.NaN : values[(values.length - 1) / 2];
	}

	/**
	 * Returns why a figure of one SDK could not be measured, if it hung in any run.
	 * @param samples the measurements
	 * @param sdk the SDK
	 * @param figure the figure key
	 * @return the reason of the first hang, empty if it never hung
	 */
	public static Optional<String> hang(List<Sample> samples, String sdk, String figure) {
		return samples.stream()
			.filter((s) -> s.sdk().equals(sdk) && s.figure().equals(figure) && s.hang() != null)
			.map(Sample::hang)
			.findFirst();
	}

	private static double[] values(List<Sample> samples, String sdk, String figure) {
		return samples.stream()
			.filter((s) -> s.sdk().equals(sdk) && s.figure().equals(figure) && !Double.isNaN(s.value()))
			.mapToDouble(Sample::value)
			.sorted()
			.toArray();
	}

	/**
	 * One measurement, or a figure the plugin hung on.
	 *
	 * @param sdk {@code java}, {@code java-cds}, {@code python}, {@code go},
	 * {@code go-guard} or {@code raw}
	 * @param run the run, from 1
	 * @param figure what was measured
	 * @param value the value, NaN when it hung
	 * @param hang why the figure could not be measured, {@code null} when it was
	 */
	public record Sample(String sdk, int run, String figure, double value, String hang) {

		@Override
		public String toString() {
			String head = "sdk=" + this.sdk + " run=" + this.run + " figure=" + this.figure;
			return (this.hang != null) ? head + " value=hangs reason=\"" + this.hang + "\""
					: head + " value=" + String.format("%.2f", this.value);
		}

	}

	/**
	 * What to run.
	 *
	 * @param root the repository root
	 * @param sdks which plugins: {@code java}, {@code python}, {@code go},
	 * {@code go-guard}
	 * @param runs how many runs
	 * @param quick whether this is the smoke mode
	 * @param sourceCount records per source measurement
	 * @param sinkCount messages per sink measurement without acks
	 * @param ackCount messages per sink measurement with acks
	 * @param callCount timed function calls
	 * @param warmup warm-up messages and calls before each round-trip measurement
	 * @param streamWarmup how long source and sink streams run before each is measured
	 * @param ruleCounts how many rules run when the RSS growth per rule is read,
	 * ascending
	 * @param ackTimeout how long the acked sink waits for one ack before it counts as
	 * hanging
	 * @param python the Python interpreter with the official SDK
	 * @param goSdk the Go SDK anchor: {@code bench/} and {@code guard/bench/}
	 * @param pluginJava the {@code java} that runs the Java plugin
	 * @param pluginJavaOpts the Java plugin's JVM options
	 * @param cds whether to train and launch with a class-data archive
	 * @param raw whether to run the raw socket
	 */
	public record Options(Path root, List<String> sdks, int runs, boolean quick, int sourceCount, int sinkCount,
			int ackCount, int callCount, int warmup, Duration streamWarmup, List<Integer> ruleCounts,
			Duration ackTimeout, Path python, Path goSdk, String pluginJava, String pluginJavaOpts, boolean cds,
			boolean raw) {

		/** The rule counts of the RSS growth per rule that the issue asks for. */
		public static final List<Integer> RULE_COUNTS = List.of(1, 10, 50);

		/**
		 * Creates options with immutable copies of the lists.
		 * @param root the repository root
		 * @param sdks which plugins
		 * @param runs how many runs
		 * @param quick whether this is the smoke mode
		 * @param sourceCount records per source measurement
		 * @param sinkCount messages per sink measurement without acks
		 * @param ackCount messages per sink measurement with acks
		 * @param callCount timed function calls
		 * @param warmup warm-up messages and calls
		 * @param streamWarmup how long streams run before each is measured
		 * @param ruleCounts how many rules run when the RSS per rule is read
		 * @param ackTimeout how long to wait for one ack
		 * @param python the Python interpreter
		 * @param goSdk the Go SDK anchor
		 * @param pluginJava the Java plugin's {@code java}
		 * @param pluginJavaOpts the Java plugin's JVM options
		 * @param cds whether to add the class-data archive column
		 * @param raw whether to run the raw socket
		 */
		public Options {
			sdks = List.copyOf(sdks);
			ruleCounts = ruleCounts.stream().sorted().toList();
		}

		/**
		 * Reads the settings from the environment.
		 * @return the options
		 */
		public static Options fromEnvironment() {
			Map<String, String> env = System.getenv();
			boolean quick = "1".equals(env.get("QUICK"));
			Path root = repositoryRoot();
			Path goSdk = sharedFolder(root).resolve("anchors/go-sdk");
			String defaultSdks = Files.isDirectory(goSdk) ? "java python go go-guard" : "java python";
			return new Options(root, List.of(env.getOrDefault("SDKS", defaultSdks).trim().split("\\s+")),
					Integer.parseInt(env.getOrDefault("RUNS", quick ? "1" : "3")), quick, quick ? 5000 : 100_000,
					quick ? 5000 : 100_000, quick ? 1000 : 20_000, quick ? 1000 : 20_000, quick ? 500 : 5000,
					Duration.ofSeconds(quick ? 0 : 3), RULE_COUNTS,
					Duration.ofSeconds(Long.parseLong(env.getOrDefault("ACK_TIMEOUT", "10"))),
					Path.of(env.getOrDefault("PYTHON", root.resolve("interop/python/.venv/bin/python").toString())),
					goSdk, env.getOrDefault("PLUGIN_JAVA", javaBin()),
					env.getOrDefault("PLUGIN_JAVA_OPTS", LAUNCHER_JAVA_OPTS), !"0".equals(env.get("CDS")),
					!"0".equals(env.get("RAW")));
		}

		/**
		 * Returns these options for other plugins.
		 * @param sdks the plugins
		 * @return the options
		 */
		public Options withSdks(List<String> sdks) {
			return new Options(this.root, sdks, this.runs, this.quick, this.sourceCount, this.sinkCount, this.ackCount,
					this.callCount, this.warmup, this.streamWarmup, this.ruleCounts, this.ackTimeout, this.python,
					this.goSdk, this.pluginJava, this.pluginJavaOpts, this.cds, this.raw);
		}

		/**
		 * Returns the repository root: the nearest folder at or above the working
		 * directory that holds the Maven wrapper.
		 * @return the root
		 */
		public static Path repositoryRoot() {
			Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
			for (Path folder = start; folder != null; folder = folder.getParent()) {
				if (Files.isRegularFile(folder.resolve("mvnw"))) {
					return folder;
				}
			}
			return start;
		}

		/**
		 * Returns the folder of shared test peers: the system property
		 * {@code sdkbench.shared-dir}, else the environment variable {@code SHARED_DIR},
		 * else {@code ../shared} beside the repository root.
		 * @param root the repository root
		 * @return the folder, which may not exist
		 */
		public static Path sharedFolder(Path root) {
			String configured = System.getProperty("sdkbench.shared-dir", System.getenv("SHARED_DIR"));
			return (configured != null && !configured.isBlank()) ? Path.of(configured).toAbsolutePath()
					: root.resolve("../shared").normalize();
		}

	}

}
