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
package dev.ekuiper.plugin.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Java counterpart of nngbench (the libnng anchor): the same modes, shapes, process
 * model and output lines, for this SDK's pure-Java NNG transport and for a plain Java
 * Unix-domain socket channel.
 *
 * <pre>
 * java -jar ekuiper-plugin-benchmarks.jar reqrep|pushpull|rawuds|all|handoff [-t ipc|tcp] [-s sizes]
 *                                         [-n roundtrips] [-w warmup] [-d seconds]
 * </pre>
 *
 * <p>
 * For every configuration this process, which never opens a socket, starts a fresh
 * <em>measurer</em> JVM (listens, times, reports on its stdout) and then a fresh
 * <em>peer</em> JVM (dials). JVM options for both come from {@code BENCH_JVM_OPTS}, and
 * for one side only from {@code BENCH_MEASURER_OPTS} or {@code BENCH_PEER_OPTS} (for
 * example a flight recording). Each configuration prints one {@code key=value} line in
 * nngbench's format, followed by allocation keys nngbench does not have: {@code alloc_b}
 * (heap bytes allocated per message by all threads of the measuring JVM), {@code extra_b}
 * ({@code alloc_b} minus the payload size), and the same for the peer JVM
 * ({@code peer_alloc_b}, {@code peer_extra_b}; a sending peer materialises no payload, so
 * its extra is all it allocates).
 */
public final class NngBench {

	private static final String MEASURE = "--measure";

	private static final String PEER = "--peer";

	private static final long MEASURER_TIMEOUT_SECONDS = 300;

	private final Settings settings;

	private final StringBuilder summary = new StringBuilder();

	private NngBench(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Runs the benchmark, or one side of a configuration when started by it.
	 * @param args the mode and flags
	 * @throws Exception if a run fails
	 */
	public static void main(String[] args) throws Exception {
		if (args.length >= 3 && MEASURE.equals(args[0])) {
			Kind kind = Kind.valueOf(args[1]);
			Roles.Result r = new Roles(Settings.parse(args, 3), System.out).measure(kind, Integer.parseInt(args[2]));
			System.out.printf(Locale.ROOT, "result %.9f %d %.1f %.1f %.1f %.3f%n", r.secs(), r.count(), r.p50(),
					r.p99(), r.p999(), r.allocPerMessage());
			System.out.flush();
			System.exit(0); // do not wait for lingering socket threads
		}
		if (args.length >= 4 && PEER.equals(args[0])) {
			new Roles(Settings.parse(args, 4), System.out).peer(Kind.valueOf(args[1]), args[2],
					Integer.parseInt(args[3]));
			System.exit(0);
		}
		if (args.length < 1) {
			usage();
		}
		String mode = args[0];
		boolean all = mode.equals("all");
		boolean rr = all || mode.equals("reqrep");
		boolean pp = all || mode.equals("pushpull");
		boolean raw = all || mode.equals("rawuds");
		boolean handoff = mode.equals("handoff");
		if (!rr && !pp && !raw && !handoff) {
			usage();
		}
		Settings settings;
		try {
			settings = Settings.parse(args, 1);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			usage();
			return;
		}
		NngBench bench = new NngBench(settings);
		for (Kind kind : Kind.values()) {
			boolean selected = switch (kind) {
				case REQREP -> rr;
				case PUSHPULL -> pp;
				case RAWPP, RAWSTREAM -> raw;
				case RAWHANDOFF -> handoff;
			};
			if (!selected) {
				continue;
			}
			for (int size : settings.sizesFor(kind)) {
				bench.report(kind, size, bench.runOne(kind, size));
			}
		}
		System.out.printf(Locale.ROOT, "summary (ekuiper-plugin nng, java %s, %d cpus, unpinned):%n%s",
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), bench.summary);
	}

	private static void usage() {
		System.err.println("""
				usage: NngBench reqrep|pushpull|rawuds|all|handoff [-t ipc|tcp] [-s sizes]
				                [-n roundtrips] [-w warmup] [-d seconds]
				  defaults: -t ipc -n 50000 -w 2000 -d 3; sizes 100,4096 for round
				  trips and 100,4096,65536 for streams (-s overrides, comma list)
				  handoff (not in all): raw ping-pong with one thread hand-off per
				  received message, the control experiment for reqrep""");
		System.exit(2);
	}

	/**
	 * The figures of one configuration: the measurer's result and the peer's allocation.
	 */
	private record Run(Roles.Result result, double peerAllocPerMessage) {
	}

	/** Runs one configuration in two fresh JVMs. */
	private Run runOne(Kind kind, int size) throws IOException, InterruptedException {
		List<String> measureArgs = new ArrayList<>(List.of(MEASURE, kind.name(), Integer.toString(size)));
		measureArgs.addAll(this.settings.toArgs());
		Process measurer = start("BENCH_MEASURER_OPTS", measureArgs);
		Process peer = null;
		try (BufferedReader out = reader(measurer)) {
			String ready = lineStartingWith(out, "ready ");
			if (ready == null) {
				throw new IllegalStateException(kind.label() + " size=" + size + ": measurer did not get ready");
			}
			List<String> peerArgs = new ArrayList<>(
					List.of(PEER, kind.name(), ready.substring("ready ".length()), Integer.toString(size)));
			peerArgs.addAll(this.settings.toArgs());
			peer = start("BENCH_PEER_OPTS", peerArgs);
			String line = lineStartingWith(out, "result ");
			if (!measurer.waitFor(MEASURER_TIMEOUT_SECONDS, TimeUnit.SECONDS) || measurer.exitValue() != 0
					|| line == null) {
				throw new IllegalStateException(kind.label() + " size=" + size + ": measurer failed");
			}
			String[] f = line.split(" ");
			Roles.Result result = new Roles.Result(Double.parseDouble(f[1]), Long.parseLong(f[2]),
					Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
					Double.parseDouble(f[6]));
			// The peer exits on its own (EOF, stop message, send timeout); give it 5 s.
			if (!peer.waitFor(5, TimeUnit.SECONDS)) {
				peer.destroyForcibly();
				peer.waitFor();
			}
			return new Run(result, peerAllocation(peer));
		}
		finally {
			if (measurer.isAlive()) {
				measurer.destroyForcibly();
			}
			if (peer != null && peer.isAlive()) {
				peer.destroyForcibly();
			}
		}
	}

	private static double peerAllocation(Process peer) throws IOException {
		try (BufferedReader out = reader(peer)) {
			String line = lineStartingWith(out, "peer ");
			return (line != null) ? Double.parseDouble(line.split(" ")[1]) : Double.NaN;
		}
	}

	/**
	 * Skips lines until one starts with the prefix (JVM options such as JFR may print
	 * too).
	 */
	private static String lineStartingWith(BufferedReader in, String prefix) throws IOException {
		String line;
		while ((line = in.readLine()) != null) {
			if (line.startsWith(prefix)) {
				return line;
			}
		}
		return null;
	}

	private static BufferedReader reader(Process process) {
		return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	private static Process start(String sideOptions, List<String> args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options(System.getenv("BENCH_JVM_OPTS")));
		command.addAll(options(System.getenv(sideOptions)));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(NngBench.class.getName());
		command.addAll(args);
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

	private static List<String> options(String value) {
		List<String> out = new ArrayList<>();
		if (value != null) {
			for (String part : value.trim().split("\\s+")) {
				if (!part.isEmpty()) {
					out.add(part);
				}
			}
		}
		return out;
	}

	/** Prints the fixed-format line and appends a human summary entry. */
	private void report(Kind kind, int size, Run run) {
		Roles.Result r = run.result();
		String transport = kind.raw() ? "uds" : this.settings.tcp() ? "tcp" : "ipc";
		double rate = r.count() / r.secs();
		PrintStream out = System.out;
		String alloc = kind.raw()
				? String.format(Locale.ROOT, " alloc_b=%.1f peer_alloc_b=%.1f", r.allocPerMessage(),
						run.peerAllocPerMessage())
				: String.format(Locale.ROOT, " alloc_b=%.1f extra_b=%.1f peer_alloc_b=%.1f peer_extra_b=%.1f",
						r.allocPerMessage(), r.allocPerMessage() - size, run.peerAllocPerMessage(),
						run.peerAllocPerMessage() - ((kind == Kind.REQREP) ? size : 0));
		if (kind.roundTrip()) {
			out.printf(Locale.ROOT,
					"bench=%s transport=%s size=%d n=%d secs=%.3f rt_per_s=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f%s%n",
					kind.label(), transport, size, r.count(), r.secs(), rate, r.p50(), r.p99(), r.p999(), alloc);
			this.summary.append(String.format(Locale.ROOT,
					"  %-16s %s %6d B: %8.0f round trips/s, p50 %.1f us, p99 %.1f us, p99.9 %.1f us, %.0f B/rt allocated%n",
					kind.label(), transport, size, rate, r.p50(), r.p99(), r.p999(), r.allocPerMessage()));
		}
		else {
			double mbps = rate * size / 1e6;
			out.printf(Locale.ROOT, "bench=%s transport=%s size=%d msgs=%d secs=%.3f msgs_per_s=%.0f mb_per_s=%.1f%s%n",
					kind.label(), transport, size, r.count(), r.secs(), rate, mbps, alloc);
			this.summary.append(String.format(Locale.ROOT,
					"  %-16s %s %6d B: %8.0f msgs/s, %.1f MB/s (payload), %.0f B/msg allocated%n", kind.label(),
					transport, size, rate, mbps, r.allocPerMessage()));
		}
		out.flush();
	}

}
