package dev.ekuiper.plugin.benchmarks.sdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.ekuiper.plugin.benchmarks.NngBench;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.PluginCommand;
import dev.ekuiper.plugin.test.PluginProcess;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;

/**
 * End-to-end benchmark of the plugin {@code bench} written with this SDK's Spring Boot
 * starter ({@link BenchPluginApplication}) against the same plugin written with the
 * official eKuiper Python SDK ({@code interop/python/bench/bench.py}). Each plugin is
 * launched as eKuiper launches it (one JSON argument, the plugin folder as working
 * directory) and driven by one {@link EmbeddedHost}, which plays eKuiper's side of the
 * protocol. Per SDK and run: launch → handshake, source records/s (host PULL), sink
 * messages/s with and without {@code requireAck} (host PUSH of {@code [{"n":i}]}),
 * sequential function calls/s with p50/p99 latency, and the plugin's peak RSS (VmHWM)
 * after all of that. The raw Java Unix-socket ping-pong and stream of {@link NngBench}
 * are measured alongside, as the physical limit. Prints {@code key=value} lines, then
 * Markdown tables of median [min..max] and the ratios.
 *
 * <p>Settings are environment variables: {@code QUICK=1} (small counts, one run, for CI),
 * {@code RUNS} (default 3), {@code SDKS} (default {@code "java python"}), {@code PYTHON}
 * (default {@code interop/python/.venv/bin/python}), {@code PLUGIN_JAVA_OPTS} (default the
 * launcher's default options), {@code PLUGIN_JAVA} (the {@code java} that runs the Java
 * plugin, default this JVM's), {@code CDS=0} to skip the launch with a class-data archive
 * (an AOT cache where the plugin's Java has them, Java 25 and later, else a CDS archive,
 * as the plugin's {@code install.sh} trains), {@code RAW=0} to skip the raw socket.
 */
public final class SdkBench {

	/** The JVM options the Maven plugin's launcher uses by default. */
	public static final String LAUNCHER_JAVA_OPTS = "-Xms16m -Xmx96m -XX:NewRatio=5 -Xss512k -XX:+UseSerialGC "
			+ "-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5";

	private static final String RULE = "sdkbench";

	private static final Duration WAIT = Duration.ofSeconds(30);

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
	 */
	public static List<Sample> run(Options options, PrintStream log) throws Exception {
		SdkBench bench = new SdkBench(options, log);
		bench.runAll();
		return bench.samples;
	}

	private void runAll() throws Exception {
		Path work = Files.createTempDirectory("sdkbench");
		try {
			String archive = null;
			if (this.options.sdks().contains("java") && this.options.cds()) {
				archive = trainArchive(work);
			}
			List<String> order = new ArrayList<>(this.options.sdks());
			for (int run = 1; run <= this.options.runs(); run++) {
				this.log.println("== run " + run + "/" + this.options.runs() + " (order: " + order + ", idle "
						+ idlePercent() + "%)");
				for (String sdk : order) {
					PluginCommand command = sdk.equals("java") ? javaCommand(work, "bench", null)
							: pythonCommand();
					Path sockets = sdk.equals("java") ? Files.createDirectories(work.resolve("sockets"))
							: Path.of("/tmp");
					measure(sdk, run, command, sockets, work);
				}
				if (archive != null) {
					Path sockets = Files.createDirectories(work.resolve("sockets"));
					try (EmbeddedHost host = host(sockets)) {
						long t0 = System.nanoTime();
						PluginProcess process = host.launch(javaCommand(work, "bench-cds", archive));
						record("java-cds", run, "handshake_ms", (System.nanoTime() - t0) / 1e6);
						record("java-cds", run, "rss_idle_kb", vmHwm(process.pid()));
					}
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

	private void measure(String sdk, int run, PluginCommand command, Path sockets, Path work) throws IOException {
		Options o = this.options;
		try (EmbeddedHost host = host(sockets)) {
			long t0 = System.nanoTime();
			PluginProcess process = host.launch(command);
			record(sdk, run, "handshake_ms", (System.nanoTime() - t0) / 1e6);

			// Streams run for a while before they are measured: the JIT of a plugin with the
			// launcher's flags (C1 only, late compilation) takes several hundred thousand
			// records to settle.
			long warmUntil = System.nanoTime() + o.streamWarmup().toNanos();
			for (int i = 0; i == 0 || System.nanoTime() - warmUntil < 0; i++) {
				source(host, "warm_src_" + i, o.sourceCount());
			}
			record(sdk, run, "source_per_s", source(host, "src", o.sourceCount()));

			warmUntil = System.nanoTime() + o.streamWarmup().toNanos();
			for (int i = 0; i == 0 || System.nanoTime() - warmUntil < 0; i++) {
				sink(host, work, "warm_sink_" + i, false, o.sinkCount());
			}
			record(sdk, run, "sink_per_s", sink(host, work, "sink_0", false, o.sinkCount()));
			sink(host, work, "warm_ack_0", true, o.warmup());
			record(sdk, run, "sink_ack_per_s", sink(host, work, "ack_0", true, o.ackCount()));

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
			record(sdk, run, "rss_peak_kb", vmHwm(process.pid()));
		}
	}

	private static void call(FunctionConnection echo) {
		FunctionResult result = echo.exec(List.of("hello"), RULE, "project");
		if (!result.state() || !"hello".equals(result.result())) {
			throw new IllegalStateException("bench_echo answered " + result);
		}
	}

	/** Receives count records; returns records/s from the first record to the last. */
	private static double source(EmbeddedHost host, String opId, int count) {
		SourceConnection source = host.startSource("bench_source", RULE, opId, Map.of("count", count));
		long first = 0;
		for (int i = 0; i < count; i++) {
			source.next(WAIT);
			if (i == 0) {
				first = System.nanoTime();
			}
		}
		double rate = (count - 1) / ((System.nanoTime() - first) / 1e9);
		source.stop();
		return rate;
	}

	/**
	 * Sends count rows; with acks awaits each, without waits for the sink's done file.
	 * Returns messages/s from the first send to the last ack or the done file.
	 */
	private static double sink(EmbeddedHost host, Path work, String opId, boolean requireAck, int count)
			throws IOException {
		Path done = work.resolve(opId + "-" + System.nanoTime() + ".done");
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("requireAck", requireAck);
		config.put("expect", count);
		config.put("doneFile", done.toString());
		SinkConnection sink = host.startSink("bench_sink", RULE, opId, config);
		byte[][] payloads = new byte[count][];
		for (int i = 0; i < count; i++) {
			payloads[i] = ("[{\"n\":" + i + "}]").getBytes(StandardCharsets.UTF_8);
		}
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			sink.send(payloads[i]);
			if (requireAck && !sink.awaitAck(WAIT).isSuccess()) {
				throw new IllegalStateException("bench_sink acked an error");
			}
		}
		if (!requireAck) {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (!Files.exists(done)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("bench_sink did not count " + count + " messages");
				}
				Thread.onSpinWait();
			}
		}
		double rate = count / ((System.nanoTime() - start) / 1e9);
		sink.stop();
		Files.deleteIfExists(done);
		return rate;
	}

	private void raw(int run) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(javaBin(), "-cp", classPath(),
				NngBench.class.getName(), "rawuds", "-s", "100"));
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
	private String trainArchive(Path work) throws IOException, InterruptedException {
		Path aot = work.resolve("bench.aot");
		if (train(work, "-XX:AOTCacheOutput=" + aot, aot)) {
			this.log.println("trained an AOT cache for " + this.options.pluginJava());
			return quote("-XX:AOTCache=" + aot);
		}
		Path jsa = work.resolve("bench.jsa");
		if (train(work, "-XX:ArchiveClassesAtExit=" + jsa, jsa)) {
			this.log.println("trained a CDS archive for " + this.options.pluginJava());
			return "-Xshare:auto " + quote("-XX:SharedArchiveFile=" + jsa);
		}
		this.log.println("no class-data archive could be trained; skipping that launch");
		return null;
	}

	/** Runs the plugin until its context is refreshed, recording an archive at exit. */
	private boolean train(Path work, String recordOption, Path archive) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(this.options.pluginJava());
		command.addAll(Arrays.asList(this.options.pluginJavaOpts().split("\\s+")));
		command.addAll(List.of(recordOption, "-Dspring.context.exit=onRefresh",
				"-Dekuiper.plugin.socket-directory=" + work.resolve("training"), "-cp", classPath(),
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

	private PluginCommand javaCommand(Path work, String folderName, String archiveOptions) throws IOException {
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
		script.append(" -cp ").append(quote(classPath()));
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

	private static EmbeddedHost host(Path sockets) {
		return EmbeddedHost.builder(BenchPluginApplication.NAME)
			.socketDirectory(sockets)
			.initTimeout(Duration.ofSeconds(60))
			.build();
	}

	private void record(String sdk, int run, String figure, double value) {
		Sample sample = new Sample(sdk, run, figure, value);
		this.samples.add(sample);
		this.log.println(sample);
	}

	private static double percentile(long[] sorted, double p) {
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	/** The peak resident set of a process in KiB, from {@code /proc/<pid>/status}. */
	static double vmHwm(long pid) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
			return lines.filter((line) -> line.startsWith("VmHWM:"))
				.mapToDouble((line) -> Double.parseDouble(line.replaceAll("[^0-9]", "")))
				.findFirst()
				.orElse(Double.NaN);
		}
		catch (IOException ex) {
			return Double.NaN;
		}
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

	/** The classpath of this JVM with absolute entries: the plugins run in their own folder. */
	static String classPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
			.map((entry) -> Path.of(entry).toAbsolutePath().toString())
			.collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
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
	 * Markdown tables: per figure, median [min..max] per SDK and the ratio Java/Python.
	 * @param samples the measurements
	 * @param options the settings they were taken with
	 * @return the tables
	 */
	public static String summary(List<Sample> samples, Options options) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%d cpus, %s, runs=%d%s, %s%n", Runtime.getRuntime().availableProcessors(),
				"Java " + System.getProperty("java.version"), options.runs(), options.quick() ? " (QUICK)" : "",
				LocalDate.now()));
		out.append(String.format("counts: source %d, sink %d (each after streaming for %d s), sink with ack %d, "
				+ "function %d (each after %d warm-up)%n%n", options.sourceCount(), options.sinkCount(),
				options.streamWarmup().toSeconds(), options.ackCount(), options.callCount(), options.warmup()));
		out.append("| figure | Java (starter) | Java + CDS/AOT cache | Python SDK | Go SDK | raw Java socket | Java/Python |\n");
		out.append("|---|---|---|---|---|---|---:|\n");
		String[][] figures = { { "handshake_ms", "launch → handshake, ms", "%.0f" },
				{ "source_per_s", "source records/s", "%.0f" }, { "sink_per_s", "sink msgs/s, no ack", "%.0f" },
				{ "sink_ack_per_s", "sink msgs/s, requireAck", "%.0f" },
				{ "func_per_s", "function calls/s", "%.0f" }, { "func_p50_us", "function p50, µs", "%.1f" },
				{ "func_p99_us", "function p99, µs", "%.1f" }, { "rss_peak_kb", "peak RSS under load, MiB", "%.1f" },
				{ "rss_idle_kb", "RSS after handshake, MiB", "%.1f" } };
		for (String[] figure : figures) {
			String key = figure[0];
			String rawKey = switch (key) {
				case "source_per_s", "sink_per_s" -> "stream_per_s";
				default -> key;
			};
			double scale = key.startsWith("rss") ? 1024.0 : 1.0;
			double java = median(samples, "java", key);
			double python = median(samples, "python", key);
			out.append("| ").append(figure[1]);
			out.append(" | ").append(cell(samples, "java", key, figure[2], scale));
			out.append(" | ").append(cell(samples, "java-cds", key, figure[2], scale));
			out.append(" | ").append(cell(samples, "python", key, figure[2], scale));
			out.append(" | n/a");
			out.append(" | ").append(cell(samples, "raw", rawKey, figure[2], 1.0));
			out.append(" | ").append(Double.isNaN(java) || Double.isNaN(python) ? "-"
					: String.format("%.2f×", java / python));
			out.append(" |\n");
		}
		return out.toString();
	}

	private static String cell(List<Sample> samples, String sdk, String figure, String format, double scale) {
		double[] values = values(samples, sdk, figure);
		if (values.length == 0) {
			return "-";
		}
		String median = String.format(format, values[(values.length - 1) / 2] / scale);
		if (values.length == 1) {
			return median;
		}
		return median + " [" + String.format(format, values[0] / scale) + ".."
				+ String.format(format, values[values.length - 1] / scale) + "]";
	}

	/**
	 * Returns the median of one figure of one SDK (the lower middle for an even count).
	 * @param samples the measurements
	 * @param sdk {@code java}, {@code java-cds}, {@code python} or {@code raw}
	 * @param figure the figure key
	 * @return the median, NaN if none
	 */
	public static double median(List<Sample> samples, String sdk, String figure) {
		double[] values = values(samples, sdk, figure);
		return (values.length == 0) ? Double.NaN : values[(values.length - 1) / 2];
	}

	private static double[] values(List<Sample> samples, String sdk, String figure) {
		return samples.stream()
			.filter((s) -> s.sdk().equals(sdk) && s.figure().equals(figure) && !Double.isNaN(s.value()))
			.mapToDouble(Sample::value)
			.sorted()
			.toArray();
	}

	/**
	 * One measurement.
	 *
	 * @param sdk {@code java}, {@code java-cds}, {@code python} or {@code raw}
	 * @param run the run, from 1
	 * @param figure what was measured
	 * @param value the value
	 */
	public record Sample(String sdk, int run, String figure, double value) {

		@Override
		public String toString() {
			return "sdk=" + this.sdk + " run=" + this.run + " figure=" + this.figure + " value="
					+ String.format("%.2f", this.value);
		}

	}

	/**
	 * What to run.
	 *
	 * @param root the repository root
	 * @param sdks which plugins: {@code java}, {@code python}
	 * @param runs how many runs
	 * @param quick whether this is the smoke mode
	 * @param sourceCount records per source measurement
	 * @param sinkCount messages per sink measurement without acks
	 * @param ackCount messages per sink measurement with acks
	 * @param callCount timed function calls
	 * @param warmup warm-up messages and calls before each round-trip measurement
	 * @param streamWarmup how long source and sink streams run before each is measured
	 * @param python the Python interpreter with the official SDK
	 * @param pluginJava the {@code java} that runs the Java plugin
	 * @param pluginJavaOpts the Java plugin's JVM options
	 * @param cds whether to train and launch with a class-data archive
	 * @param raw whether to run the raw socket
	 */
	public record Options(Path root, List<String> sdks, int runs, boolean quick, int sourceCount, int sinkCount,
			int ackCount, int callCount, int warmup, Duration streamWarmup, Path python, String pluginJava,
			String pluginJavaOpts, boolean cds, boolean raw) {

		/**
		 * Reads the settings from the environment.
		 * @return the options
		 */
		public static Options fromEnvironment() {
			Map<String, String> env = System.getenv();
			boolean quick = "1".equals(env.get("QUICK"));
			Path root = repositoryRoot();
			return new Options(root, List.of(env.getOrDefault("SDKS", "java python").trim().split("\\s+")),
					Integer.parseInt(env.getOrDefault("RUNS", quick ? "1" : "3")), quick, quick ? 5000 : 100_000,
					quick ? 5000 : 100_000, quick ? 1000 : 20_000, quick ? 1000 : 20_000, quick ? 500 : 5000,
					Duration.ofSeconds(quick ? 0 : 3),
					Path.of(env.getOrDefault("PYTHON", root.resolve("interop/python/.venv/bin/python").toString())),
					env.getOrDefault("PLUGIN_JAVA", javaBin()), env.getOrDefault("PLUGIN_JAVA_OPTS", LAUNCHER_JAVA_OPTS),
					!"0".equals(env.get("CDS")), !"0".equals(env.get("RAW")));
		}

		/**
		 * Returns these options for other plugins.
		 * @param sdks the plugins
		 * @return the options
		 */
		public Options withSdks(List<String> sdks) {
			return new Options(this.root, sdks, this.runs, this.quick, this.sourceCount, this.sinkCount,
					this.ackCount, this.callCount, this.warmup, this.streamWarmup, this.python, this.pluginJava,
					this.pluginJavaOpts, this.cds, this.raw);
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

	}

}
