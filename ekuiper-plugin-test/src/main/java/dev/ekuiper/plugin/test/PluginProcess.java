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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin child process. Its stdout and stderr are logged line by line (or handed to a
 * consumer of their own) and kept for assertions. eKuiper only ever stops a plugin with
 * SIGKILL ({@link #kill()}).
 */
public final class PluginProcess implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PluginProcess.class);

	private static final int MAX_KEPT_LINES = 10_000;

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	private final String name;

	private final Process process;

	private final Deque<String> output = new ArrayDeque<>();

	private final Consumer<String> lines;

	private final Thread pump;

	private PluginProcess(String name, Process process, Consumer<String> lines) {
		this.name = name;
		this.process = process;
		this.lines = lines;
		this.pump = new Thread(this::pumpOutput, "plugin-" + name + "-" + process.pid() + "-output");
		this.pump.setDaemon(true);
		this.pump.start();
	}

	/**
	 * Starts a plugin process.
	 * @param name the plugin name, for the log
	 * @param command how to run it
	 * @return the running process
	 * @throws HostException if it cannot be started
	 */
	public static PluginProcess start(String name, PluginCommand command) {
		return start(name, command, (line) -> logger.info("[{}] {}", name, line));
	}

	/**
	 * Starts a plugin process whose output lines go to a consumer rather than the log,
	 * for output that is shown as the plugin wrote it.
	 * @param name the plugin name, for the log
	 * @param command how to run it
	 * @param lines receives each line of stdout and stderr, on the thread that reads them
	 * @return the running process
	 * @throws HostException if it cannot be started
	 */
	public static PluginProcess start(String name, PluginCommand command, Consumer<String> lines) {
		ProcessBuilder builder = new ProcessBuilder(command.command()).directory(command.workingDirectory().toFile())
			.redirectErrorStream(true);
		try {
			Process process = builder.start();
			logger.info("plugin {} started, pid {}: {}", name, process.pid(), command.command());
			return new PluginProcess(name, process, lines);
		}
		catch (IOException ex) {
			throw new HostException(
					"plugin executable " + command.command().get(0) + " stops with error " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Returns whether the process is still running.
	 * @return {@code true} if alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Returns the lines the process printed so far on stdout and stderr (the last
	 * 10,000).
	 * @return a copy of the output lines
	 */
	public List<String> output() {
		synchronized (this.output) {
			return new ArrayList<>(this.output);
		}
	}

	/** Sends SIGKILL, the only signal eKuiper uses. */
	public void kill() {
		this.process.destroyForcibly();
	}

	/**
	 * Sends SIGTERM, which eKuiper never sends; the output keeps being read until exit.
	 */
	public void terminate() {
		// Process.destroy() would also close the output pipes and lose the shutdown logs.
		this.process.toHandle().destroy();
	}

	/**
	 * Waits for the process to end.
	 * @param timeout how long to wait
	 * @return the exit code (128 + signal number after a signal), or empty if still
	 * running
	 */
	public OptionalInt awaitExit(Duration timeout) {
		try {
			if (this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				this.pump.join(timeout.toMillis());
				return OptionalInt.of(this.process.exitValue());
			}
			return OptionalInt.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HostException("interrupted while waiting for plugin " + this.name, ex);
		}
	}

	/**
	 * Returns the exit code if the process has ended.
	 * @return the exit code, or empty if still running
	 */
	public OptionalInt exitCode() {
		return this.process.isAlive() ? OptionalInt.empty() : OptionalInt.of(this.process.exitValue());
	}

	/** Kills the process if it is still running and waits briefly for it to end. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
			awaitExit(CLOSE_WAIT);
		}
	}

	/** Runs an action with the exit code once the process ends. */
	void onExit(Consumer<Integer> action) {
		this.process.onExit().thenAccept((ended) -> action.accept(ended.exitValue()));
	}

	private void pumpOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.accept(line);
				synchronized (this.output) {
					if (this.output.size() == MAX_KEPT_LINES) {
						this.output.removeFirst();
					}
					this.output.addLast(line);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("output of plugin {} ended: {}", this.name, ex.getMessage());
		}
	}

}
