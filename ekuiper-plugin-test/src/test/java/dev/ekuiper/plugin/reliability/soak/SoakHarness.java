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
package dev.ekuiper.plugin.reliability.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.ekuiper.plugin.conformance.ConformancePlugin;
import dev.ekuiper.plugin.conformance.JavaPluginLauncher;
import dev.ekuiper.plugin.test.Ack;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.HostException;
import dev.ekuiper.plugin.test.PluginCommand;
import dev.ekuiper.plugin.test.PluginProcess;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import dev.ekuiper.plugin.test.SourceTuple;

/**
 * Runs the Java conformance plugin as eKuiper runs it (a child process behind a
 * {@code #!/bin/sh} launcher, sockets in {@code /tmp}) under steady load for a given
 * time: source {@code counter} emitting every millisecond, sink {@code collect} with acks
 * at a fixed message rate, function {@code revert} at a fixed call rate. Every few
 * seconds it samples the plugin's resident memory ({@code VmRSS}), threads and open file
 * descriptors from {@code /proc/<pid>}, and the errors seen so far; at the end it checks
 * that every acknowledged row is in the sink's file.
 *
 * <pre>
 * ./mvnw -q -pl ekuiper-plugin-core install -DskipTests
 * ./mvnw -q -pl ekuiper-plugin-test test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath dev.ekuiper.plugin.reliability.soak.SoakHarness --duration PT10M --report target/soak.md"
 * </pre>
 *
 * <p>
 * The plugin is launched with this JVM's class path, so the harness runs in a JVM of its
 * own ({@code exec:exec}, not {@code exec:java}).
 */
public final class SoakHarness {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Path TMP = Path.of("/tmp");

	private final Options options;

	private final Path work;

	private final PrintStream out;

	private final AtomicLong sourceRecords = new AtomicLong();

	private final AtomicLong sourceErrors = new AtomicLong();

	private final AtomicLong sourceGaps = new AtomicLong();

	private final AtomicLong sinkMessages = new AtomicLong();

	private final AtomicLong sinkRowsAcked = new AtomicLong();

	private final AtomicLong sinkErrors = new AtomicLong();

	private final AtomicLong functionCalls = new AtomicLong();

	private final AtomicLong functionErrors = new AtomicLong();

	private final AtomicLong hostErrors = new AtomicLong();

	private final List<Sample> samples = new ArrayList<>();

	private volatile boolean running = true;

	SoakHarness(Options options, Path work, PrintStream out) {
		this.options = options;
		this.work = work;
		this.out = out;
	}

	/**
	 * Runs the soak.
	 * @param args {@code --duration PT10M}, {@code --sample PT10S},
	 * {@code --sink-rate 200} (messages per second, 5 rows each),
	 * {@code --function-rate 200} (calls per second), {@code --source-interval 1} (ms
	 * between records), {@code --heap 64m} (the plugin's {@code -Xmx}, empty for the
	 * JVM's default), {@code --report <file>} (Markdown)
	 * @throws Exception if the plugin cannot be launched
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		Path work = Files.createTempDirectory("soak");
		Result result;
		try {
			result = new SoakHarness(options, work, System.out).run();
		}
		finally {
			try (Stream<Path> files = Files.walk(work)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
		if (options.report() != null) {
			Files.createDirectories(options.report().toAbsolutePath().getParent());
			Files.writeString(options.report(), result.markdown(), StandardCharsets.UTF_8);
			System.out.println("Report written to " + options.report());
		}
		System.out.println(result.summary());
		if (!result.passed()) {
			throw new IllegalStateException("soak failed: " + result.summary());
		}
	}

	/**
	 * Launches the plugin, loads it for the configured time and samples it.
	 * @return the samples and counts
	 * @throws Exception if the plugin cannot be launched or started
	 */
	Result run() throws Exception {
		String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		String suffix = "_soak" + id;
		String ruleId = "soak" + id;
		Path rows = this.work.resolve("rows.jsonl");
		Path launcher = launcher(suffix);
		EmbeddedHost host = EmbeddedHost.builder(ConformancePlugin.NAME + suffix)
			.initTimeout(WAIT)
			.commandTimeout(WAIT)
			.build();
		PluginProcess process = null;
		List<Thread> loads = new ArrayList<>();
		try {
			process = host.launch(PluginCommand.go(launcher));
			long pid = process.pid();
			FunctionConnection function = host.startFunction("revert" + suffix);
			SourceConnection source = host.startSource("counter", ruleId, "soakStream",
					Map.of("count", 1e15, "interval", this.options.sourceInterval()));
			SinkConnection sink = host.startSink("collect", ruleId, "collect_0",
					Map.of("path", rows.toString(), "requireAck", true));
			loads.add(start("soak-source", () -> readSource(source)));
			loads.add(start("soak-sink", () -> writeSink(sink)));
			loads.add(start("soak-function", () -> callFunction(function)));
			this.out.println(Sample.HEADER);
			long started = System.nanoTime();
			long end = started + this.options.duration().toNanos();
			long next = started;
			while (true) {
				Sample sample = sample(pid, started, process);
				this.samples.add(sample);
				this.out.println(sample.line());
				if (!process.isAlive() || next >= end) {
					break;
				}
				next = Math.min(end, next + this.options.sample().toNanos());
				TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
			}
			this.running = false;
			for (Thread load : loads) {
				load.join(WAIT.toMillis());
			}
			long rowsWritten = Files.exists(rows) ? countLines(rows) : 0;
			source.stop();
			sink.stop();
			return new Result(this.options, List.copyOf(this.samples), this.sourceRecords.get(),
					this.sourceErrors.get(), this.sourceGaps.get(), this.sinkMessages.get(), this.sinkRowsAcked.get(),
					rowsWritten, this.sinkErrors.get(), this.functionCalls.get(), this.functionErrors.get(),
					this.hostErrors.get(), process.isAlive());
		}
		finally {
			this.running = false;
			host.close();
			if (process != null) {
				process.close();
			}
			removeSocketFiles(ruleId + "_*.ipc");
			removeSocketFiles("*" + suffix + ".ipc");
		}
	}

	/** The conformance plugin's launcher, wrapped to give the JVM its heap limit. */
	private Path launcher(String suffix) throws IOException {
		Path folder = this.work.resolve("plugin");
		Path java = JavaPluginLauncher.write(folder, "java-launcher", ConformancePlugin.class,
				Map.of(ConformancePlugin.SUFFIX_PROPERTY, suffix));
		if (this.options.heap().isEmpty()) {
			return java;
		}
		Path wrapper = folder.resolve("launcher");
		Files.writeString(wrapper, "#!/bin/sh\nJAVA_TOOL_OPTIONS='-Xmx" + this.options.heap()
				+ "'\nexport JAVA_TOOL_OPTIONS\nexec '" + java + "' \"$@\"\n", StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
		return wrapper;
	}

	private void readSource(SourceConnection source) {
		double expected = 0;
		while (this.running) {
			try {
				SourceTuple tuple = source.poll(Duration.ofMillis(500)).orElse(null);
				if (tuple == null) {
					continue;
				}
				if (!tuple.isValid()) {
					this.sourceErrors.incrementAndGet();
					continue;
				}
				double n = ((Number) tuple.message().get("n")).doubleValue();
				if (n != expected) {
					this.sourceGaps.incrementAndGet();
				}
				expected = n + 1;
				this.sourceRecords.incrementAndGet();
			}
			catch (HostException ex) {
				countHostError(ex);
			}
		}
	}

	private void writeSink(SinkConnection sink) {
		paced(this.options.sinkRate(), (k) -> {
			List<Map<String, Object>> batch = new ArrayList<>(5);
			for (int i = 0; i < 5; i++) {
				batch.add(Map.of("k", k, "i", i, "text", "row-" + k + "-" + i));
			}
			sink.sendRows(batch);
			this.sinkMessages.incrementAndGet();
			Ack ack = sink.awaitAck(WAIT);
			if (ack.isSuccess()) {
				this.sinkRowsAcked.addAndGet(batch.size());
			}
			else {
				this.sinkErrors.incrementAndGet();
			}
		});
	}

	private void callFunction(FunctionConnection function) {
		paced(this.options.functionRate(), (k) -> {
			String text = "call-" + k;
			FunctionResult result = function.exec(List.of(text), "soakRule", "op1");
			this.functionCalls.incrementAndGet();
			if (!result.state() || !new StringBuilder(text).reverse().toString().equals(result.result())) {
				this.functionErrors.incrementAndGet();
			}
		});
	}

	/** Runs a step {@code rate} times a second until the soak ends. */
	private void paced(int rate, Step step) {
		long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
		long next = System.nanoTime();
		for (long k = 0; this.running; k++) {
			try {
				step.run(k);
			}
			catch (HostException ex) {
				countHostError(ex);
			}
			next += interval;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				try {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
				next = System.nanoTime();
			}
		}
	}

	private void countHostError(HostException ex) {
		if (this.running && this.hostErrors.incrementAndGet() <= 10) {
			this.out.println("host error: " + ex.getMessage());
		}
	}

	private Sample sample(long pid, long started, PluginProcess process) throws IOException {
		Path proc = Path.of("/proc", Long.toString(pid));
		long rss = -1;
		long hwm = -1;
		int threads = -1;
		int fds = -1;
		if (process.isAlive()) {
			for (String line : Files.readAllLines(proc.resolve("status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = kilobytes(line);
				}
				else if (line.startsWith("VmHWM:")) {
					hwm = kilobytes(line);
				}
				else if (line.startsWith("Threads:")) {
					threads = Integer.parseInt(line.substring("Threads:".length()).trim());
				}
			}
			try (Stream<Path> open = Files.list(proc.resolve("fd"))) {
				fds = (int) open.count();
			}
		}
		long errors = this.sourceErrors.get() + this.sinkErrors.get() + this.functionErrors.get()
				+ this.hostErrors.get();
		return new Sample(Duration.ofNanos(System.nanoTime() - started), rss, hwm, threads, fds,
				this.sourceRecords.get(), this.sinkMessages.get(), this.functionCalls.get(), errors,
				this.sourceGaps.get());
	}

	private static long kilobytes(String statusLine) {
		return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
	}

	private static long countLines(Path file) throws IOException {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.count();
		}
	}

	private static Thread start(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void removeSocketFiles(String pattern) throws IOException {
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(TMP, pattern)) {
			for (Path leftover : leftovers) {
				Files.deleteIfExists(leftover);
			}
		}
	}

	/** One paced step. */
	@FunctionalInterface
	private interface Step {

		void run(long k);

	}

	/**
	 * What the soak does.
	 *
	 * @param duration how long to load the plugin
	 * @param sample time between samples
	 * @param sinkRate sink messages per second (5 rows each)
	 * @param functionRate function calls per second
	 * @param sourceInterval milliseconds between source records
	 * @param heap the plugin JVM's {@code -Xmx}, empty for the default
	 * @param report where to write the Markdown report, or {@code null}
	 */
	record Options(Duration duration, Duration sample, int sinkRate, int functionRate, int sourceInterval, String heap,
			Path report) {

		static Options parse(String... args) {
			Options options = new Options(Duration.ofMinutes(10), Duration.ofSeconds(10), 200, 200, 1, "64m", null);
			for (int i = 0; i + 1 < args.length; i += 2) {
				String value = args[i + 1];
				options = switch (args[i]) {
					case "--duration" -> options.with(Duration.parse(value), options.sample, options.report);
					case "--sample" -> options.with(options.duration, Duration.parse(value), options.report);
					case "--report" -> options.with(options.duration, options.sample, Path.of(value));
					case "--sink-rate" -> new Options(options.duration, options.sample, Integer.parseInt(value),
							options.functionRate, options.sourceInterval, options.heap, options.report);
					case "--function-rate" -> new Options(options.duration, options.sample, options.sinkRate,
							Integer.parseInt(value), options.sourceInterval, options.heap, options.report);
					case "--source-interval" -> new Options(options.duration, options.sample, options.sinkRate,
							options.functionRate, Integer.parseInt(value), options.heap, options.report);
					case "--heap" -> new Options(options.duration, options.sample, options.sinkRate,
							options.functionRate, options.sourceInterval, value, options.report);
					default -> throw new IllegalArgumentException("unknown option " + args[i]);
				};
			}
			return options;
		}

		Options with(Duration duration, Duration sample, Path report) {
			return new Options(duration, sample, this.sinkRate, this.functionRate, this.sourceInterval, this.heap,
					report);
		}

	}

	/**
	 * One sample of the plugin process and of the load so far.
	 *
	 * @param elapsed time since the load started
	 * @param rssKb resident memory ({@code VmRSS}), in KiB
	 * @param hwmKb peak resident memory ({@code VmHWM}), in KiB
	 * @param threads the process's threads
	 * @param fds its open file descriptors
	 * @param records source records received
	 * @param messages sink messages sent and acknowledged
	 * @param calls function calls answered
	 * @param errors error acks, failed calls, undecodable records and host errors
	 * @param gaps breaks in the source's sequence (dropped records)
	 */
	record Sample(Duration elapsed, long rssKb, long hwmKb, int threads, int fds, long records, long messages,
			long calls, long errors, long gaps) {

		static final String HEADER = "| elapsed | RSS MiB | peak RSS MiB | threads | fds | source records | sink messages | function calls | errors | gaps |";

		String line() {
			return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %d | %d | %d | %d | %d | %d | %d |",
					format(this.elapsed), this.rssKb / 1024.0, this.hwmKb / 1024.0, this.threads, this.fds,
					this.records, this.messages, this.calls, this.errors, this.gaps);
		}

		private static String format(Duration duration) {
			long seconds = duration.toSeconds();
			return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
		}

	}

	/**
	 * What a soak saw.
	 *
	 * @param options what it did
	 * @param samples every sample, in order
	 * @param sourceRecords records received from the source
	 * @param sourceErrors records eKuiper could not decode
	 * @param sourceGaps breaks in the source's sequence
	 * @param sinkMessages sink messages sent
	 * @param rowsAcked rows in messages acknowledged with success
	 * @param rowsWritten rows found in the sink's file
	 * @param sinkErrors error acks
	 * @param functionCalls function calls
	 * @param functionErrors calls answered with an error or a wrong result
	 * @param hostErrors timeouts and failures seen by the host
	 * @param aliveAtEnd whether the plugin was still running at the end
	 */
	record Result(Options options, List<Sample> samples, long sourceRecords, long sourceErrors, long sourceGaps,
			long sinkMessages, long rowsAcked, long rowsWritten, long sinkErrors, long functionCalls,
			long functionErrors, long hostErrors, boolean aliveAtEnd) {

		/**
		 * Returns whether the plugin survived, nothing failed, and every acked row was
		 * written.
		 * @return {@code true} if the soak passed
		 */
		boolean passed() {
			return this.aliveAtEnd && this.sourceErrors == 0 && this.sinkErrors == 0 && this.functionErrors == 0
					&& this.hostErrors == 0 && this.rowsAcked == this.rowsWritten;
		}

		String summary() {
			Sample first = this.samples.get(Math.min(1, this.samples.size() - 1));
			Sample last = this.samples.get(this.samples.size() - 1);
			return String.format(Locale.ROOT,
					"soak %s: %s; %d source records (%d gaps, %d undecodable), %d sink messages, %d rows acked, "
							+ "%d rows written, %d error acks, %d function calls (%d failed), %d host errors; "
							+ "RSS %.1f -> %.1f MiB (peak %.1f), threads %d -> %d, fds %d -> %d",
					this.options.duration(), passed() ? "PASSED" : "FAILED", this.sourceRecords, this.sourceGaps,
					this.sourceErrors, this.sinkMessages, this.rowsAcked, this.rowsWritten, this.sinkErrors,
					this.functionCalls, this.functionErrors, this.hostErrors, first.rssKb() / 1024.0,
					last.rssKb() / 1024.0, last.hwmKb() / 1024.0, first.threads(), last.threads(), first.fds(),
					last.fds());
		}

		String markdown() {
			StringBuilder text = new StringBuilder();
			text.append("Soak of ")
				.append(this.options.duration())
				.append(", sampled every ")
				.append(this.options.sample())
				.append(", plugin heap ")
				.append(this.options.heap().isEmpty() ? "default" : "-Xmx" + this.options.heap())
				.append(", source every ")
				.append(this.options.sourceInterval())
				.append(" ms, ")
				.append(this.options.sinkRate())
				.append(" sink messages/s, ")
				.append(this.options.functionRate())
				.append(" function calls/s\n\n");
			text.append(Sample.HEADER).append('\n');
			text.append("|---|---|---|---|---|---|---|---|---|---|\n");
			for (Sample sample : this.samples) {
				text.append(sample.line()).append('\n');
			}
			text.append('\n').append(summary()).append('\n');
			return text.toString();
		}

	}

}
