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

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.ekuiper.plugin.protocol.Json;

/**
 * One run of {@link DevMode}: a host in a private socket directory, the plugin process,
 * the {@link DevModeRule}s and the loop that prints each record. Every way out stops the
 * rules, ends the process, deletes the directory and prints a summary.
 */
final class DevModeRun {

	/**
	 * The environment variable Spring binds to {@code ekuiper.plugin.socket-directory}.
	 */
	static final String SOCKET_DIRECTORY_VARIABLE = "EKUIPER_PLUGIN_SOCKET_DIRECTORY";

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

	private final DevModeOptions options;

	private final PrintStream records;

	private final PrintStream pluginOutput;

	private final Consumer<String> log;

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Map<String, FunctionConnection> functions = new LinkedHashMap<>();

	private final List<DevModeRule> rules = new ArrayList<>();

	private volatile boolean stopping;

	private Path socketDirectory;

	private EmbeddedHost host;

	private PluginProcess process;

	private long printed;

	/**
	 * Creates a run.
	 * @param options what to run
	 * @param records where each record's line goes
	 * @param pluginOutput where the plugin's own output goes, line by line as it wrote it
	 * @param log receives dev mode's own messages
	 */
	DevModeRun(DevModeOptions options, PrintStream records, PrintStream pluginOutput, Consumer<String> log) {
		this.options = options;
		this.records = records;
		this.pluginOutput = pluginOutput;
		this.log = log;
	}

	/**
	 * Runs until the bound is reached, {@link #stop} is called or something fails.
	 * @return the exit code: 0 when stopped or done, 1 on failure
	 */
	int run() {
		try {
			start();
			loop();
			return 0;
		}
		catch (RuntimeException ex) {
			OptionalInt exit = (this.process != null) ? this.process.exitCode() : OptionalInt.empty();
			this.log.accept("failed: " + ex.getMessage()
					+ (exit.isPresent() ? " (the plugin exited with code " + exit.getAsInt() + ")" : ""));
			return 1;
		}
		finally {
			cleanUp();
			summarize();
			this.finished.countDown();
		}
	}

	/**
	 * Asks the run to end and waits for its clean-up.
	 * @param wait how long to wait
	 */
	void stop(Duration wait) {
		this.stopping = true;
		try {
			this.finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void start() {
		this.socketDirectory = SocketDirectories.create("ekuiper-dev-");
		this.host = EmbeddedHost.builder(this.options.plugin())
			.socketDirectory(this.socketDirectory)
			.commandTimeout(Duration.ofSeconds(10))
			.build();
		this.log.accept("launching " + this.options.jar() + " as plugin '" + this.options.plugin() + "', sockets in "
				+ this.socketDirectory);
		this.process = PluginProcess.start(this.options.plugin(), command(), this.pluginOutput::println);
		awaitHandshake();
		DevModeScenario scenario = this.options.scenario();
		boolean named = scenario.rules().size() > 1;
		for (DevModeScenario.Rule rule : scenario.rules()) {
			DevModeRule started = DevModeRule.start(this.host, rule, scenario.streams().get(rule.stream()), named,
					this::function, this.log);
			this.rules.add(started);
			this.log.accept(started.describe());
		}
		this.log.accept("running; Ctrl-C to stop");
	}

	private FunctionConnection function(String symbol) {
		return this.functions.computeIfAbsent(symbol, this.host::startFunction);
	}

	/** Runs the plugin as eKuiper runs its launcher, plus the socket directory. */
	private PluginCommand command() {
		Path jar = this.options.jar().toAbsolutePath().normalize();
		List<String> command = new ArrayList<>();
		// PluginCommand has no environment of its own: env(1) sets it and execs java.
		command.add("env");
		command.add(SOCKET_DIRECTORY_VARIABLE + "=" + this.socketDirectory);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.options.jvmArguments());
		command.add("-jar");
		command.add(jar.toString());
		command.add(PluginCommand.PORTABLE_ARGUMENT);
		return new PluginCommand(command, jar.getParent());
	}

	/** Waits for the handshake, failing fast if the process ends first. */
	private void awaitHandshake() {
		long deadline = System.nanoTime() + this.options.initTimeout().toNanos();
		while (true) {
			try {
				this.host.awaitHandshake(Duration.ofMillis(250));
				return;
			}
			catch (HostTimeoutException ex) {
				OptionalInt exit = this.process.exitCode();
				if (exit.isPresent()) {
					throw new HostException("plugin '" + this.options.plugin() + "' exited with code " + exit.getAsInt()
							+ " before its handshake");
				}
				if (this.stopping) {
					throw new HostException("stopped before the plugin's handshake");
				}
				if (System.nanoTime() > deadline) {
					throw new HostException("no handshake from plugin '" + this.options.plugin() + "' within "
							+ this.options.initTimeout().toSeconds() + " s; is ekuiper.plugin.name '"
							+ this.options.plugin() + "'?");
				}
			}
		}
	}

	/** Polls the rules in turn, each for its share of the poll interval. */
	private void loop() {
		long deadline = (this.options.duration() != null) ? System.nanoTime() + this.options.duration().toNanos()
				: Long.MAX_VALUE;
		Duration share = POLL.dividedBy(this.rules.size());
		while (!this.stopping && (this.options.records() == 0 || this.printed < this.options.records())) {
			boolean idle = true;
			for (DevModeRule rule : this.rules) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || this.stopping) {
					return;
				}
				Optional<Map<String, Object>> line = rule.next(Duration.ofNanos(Math.min(remaining, share.toNanos())));
				if (line.isPresent()) {
					idle = false;
					this.printed++;
					this.records.println(Json.mapper().writeValueAsString(GoNumbers.display(line.get())));
					if (this.options.records() != 0 && this.printed >= this.options.records()) {
						return;
					}
				}
			}
			if (idle && !this.process.isAlive()) {
				throw new HostException("plugin '" + this.options.plugin() + "' exited with code "
						+ this.process.exitCode().orElse(-1));
			}
		}
	}

	private void cleanUp() {
		Thread stopper = null;
		if (this.process != null && this.process.isAlive()) {
			if (!this.rules.isEmpty()) {
				// eKuiper stops a rule before it kills a plugin. On Ctrl-C the plugin
				// gets
				// the signal too and may end meanwhile: stop waiting then.
				stopper = new Thread(() -> this.rules.forEach(DevModeRule::close), "ekuiper-dev-mode-stop-rules");
				stopper.setDaemon(true);
				stopper.start();
				joinWhilePluginRuns(stopper, STOP_WAIT);
			}
			this.process.terminate();
			if (this.process.awaitExit(EXIT_WAIT).isEmpty()) {
				this.process.kill();
			}
		}
		if (this.process != null) {
			this.process.close();
			this.log.accept("plugin ended with exit code " + this.process.exitCode().orElse(-1));
		}
		if (this.host != null) {
			// Also wakes a stop still waiting for an answer from the ended plugin.
			this.host.close();
		}
		if (stopper != null) {
			join(stopper, Duration.ofSeconds(1));
		}
		if (this.socketDirectory != null) {
			SocketDirectories.delete(this.socketDirectory);
		}
	}

	private void summarize() {
		long errors = this.rules.stream().mapToLong(DevModeRule::errors).sum();
		this.log.accept("summary: " + this.printed + " record(s) printed, " + errors + " error(s)");
		this.rules.forEach((rule) -> this.log.accept("  " + rule.summary()));
	}

	/** Waits for a thread while the plugin runs, at most the given time. */
	private void joinWhilePluginRuns(Thread thread, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		while (thread.isAlive() && this.process.isAlive() && System.nanoTime() < deadline) {
			join(thread, Duration.ofMillis(100));
		}
	}

	private static void join(Thread thread, Duration wait) {
		try {
			thread.join(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
