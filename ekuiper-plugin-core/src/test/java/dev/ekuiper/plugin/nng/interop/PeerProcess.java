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
package dev.ekuiper.plugin.nng.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An external SP peer process with a bounded lifetime: its stdout is read line by line,
 * its stderr is kept for failure messages, and {@link #close()} always kills it and
 * removes its socket file.
 */
final class PeerProcess implements AutoCloseable {

	private static final int SHOWN_LINE_LENGTH = 160;

	/**
	 * Queued after the last line; compared by identity, so no line can be mistaken for
	 * it.
	 */
	private static final String END = new String("end of output");

	/** Peers still running, killed when the JVM exits so none outlives the test run. */
	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(PeerProcess::destroy), "peer-reaper"));
	}

	private final String name;

	private final Process process;

	private final Path socketFile;

	private final LinkedBlockingQueue<String> unread = new LinkedBlockingQueue<>();

	private final List<String> seen = new ArrayList<>();

	private final StringBuffer errors = new StringBuffer();

	private boolean ended;

	private PeerProcess(String name, Process process, Path socketFile) {
		this.name = name;
		this.process = process;
		this.socketFile = socketFile;
		daemon(name + "-stdout", () -> readLines(process.getInputStream()));
		daemon(name + "-stderr", () -> readErrors(process.getErrorStream()));
	}

	/**
	 * Starts a peer that is killed when {@code lifetime} has passed, whatever happens.
	 * @param name names the peer in failure messages
	 * @param command the command line
	 * @param socketFile the ipc socket file it may leave behind, or {@code null}
	 * @param lifetime the longest the process may live
	 * @return the running peer
	 */
	static PeerProcess start(String name, List<String> command, Path socketFile, Duration lifetime) {
		Process process;
		try {
			process = new ProcessBuilder(command).start();
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), ex);
		}
		running.add(process);
		process.onExit().thenRun(() -> running.remove(process));
		CompletableFuture.delayedExecutor(lifetime.toMillis(), TimeUnit.MILLISECONDS).execute(() -> destroy(process));
		return new PeerProcess(name, process, socketFile);
	}

	/**
	 * Returns the next stdout line that matches, skipping others, failing if none comes
	 * in time.
	 * @param matcher which line to wait for
	 * @param timeout how long to wait
	 * @return the line
	 */
	String awaitLine(Predicate<String> matcher, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			String line = nextLine(deadline);
			if (line == null) {
				throw new AssertionError(describe("no matching line within " + timeout.toMillis() + " ms"));
			}
			if (matcher.test(line)) {
				return line;
			}
		}
	}

	/**
	 * Waits for the process to exit.
	 * @param timeout how long to wait
	 * @return the exit code
	 */
	int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(describe("still running after " + timeout.toMillis() + " ms"));
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	/**
	 * Returns whether the process is running.
	 * @return {@code true} until it exits or is killed
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kills the process at once, as eKuiper kills plugins (SIGKILL), leaving its socket
	 * file behind, and waits for it to be gone.
	 */
	void kill() {
		destroy(this.process);
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				throw new AssertionError(describe("did not die within 10 s of SIGKILL"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Kills the process and removes its socket file. */
	@Override
	public void close() {
		kill();
		if (this.socketFile != null) {
			try {
				Files.deleteIfExists(this.socketFile);
			}
			catch (IOException ex) {
				// a later listener replaces a stale file anyway
			}
		}
	}

	/**
	 * Describes the process and what it printed, for a failure message.
	 * @param problem what went wrong
	 * @return the description
	 */
	String describe(String problem) {
		StringBuilder text = new StringBuilder(this.name).append(": ").append(problem);
		text.append(this.process.isAlive() ? " (running)" : " (exit code " + this.process.exitValue() + ")");
		synchronized (this.seen) {
			text.append("\n  stdout (").append(this.seen.size()).append(" lines):");
			for (String line : this.seen) {
				text.append("\n    ").append(shorten(line));
			}
		}
		text.append("\n  stderr: ").append(shorten(this.errors.toString().strip()));
		return text.toString();
	}

	@Override
	public String toString() {
		return this.name;
	}

	private String nextLine(long deadline) {
		if (this.ended) {
			return null;
		}
		try {
			long wait = deadline - System.nanoTime();
			String line = (wait > 0) ? this.unread.poll(wait, TimeUnit.NANOSECONDS) : this.unread.poll();
			if (line == END) {
				this.ended = true;
				return null;
			}
			return line;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private void readLines(InputStream stream) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this.seen) {
					this.seen.add(line);
				}
				this.unread.add(line);
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
		finally {
			this.unread.add(END);
		}
	}

	private void readErrors(InputStream stream) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.errors.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
	}

	private static String shorten(String line) {
		return (line.length() <= SHOWN_LINE_LENGTH) ? line
				: line.substring(0, SHOWN_LINE_LENGTH) + "... (" + line.length() + " chars)";
	}

	private static void destroy(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

}
