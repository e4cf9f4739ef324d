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
package dev.ekuiper.plugin.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import tools.jackson.core.JacksonException;

/**
 * Runs a plugin application in describe mode, where it writes its plugin descriptor and
 * exits without connecting to eKuiper. A Spring Boot application is also kept from
 * starting a web server and stops once its context is refreshed; a plain-Java one returns
 * from {@code PluginRuntime.serve}. The run is bounded in time and its output kept in a
 * log file, whose end a failure shows.
 */
final class DescribeProcess {

	/** How long an application may keep running after writing its descriptor. */
	static final Duration GRACE = Duration.ofSeconds(10);

	/** The descriptor's file in the folder given to {@link #describe}. */
	static final String DESCRIPTOR_FILE = "descriptor.json";

	private static final int SHOWN_LINES = 60;

	private final Path java;

	private final Duration timeout;

	private final Duration grace;

	private final Path workingDirectory;

	/**
	 * Creates a runner.
	 * @param java the {@code java} executable
	 * @param timeout how long the application may take
	 * @param grace how long it may keep running after writing its descriptor
	 * @param workingDirectory where to run it
	 */
	DescribeProcess(Path java, Duration timeout, Duration grace, Path workingDirectory) {
		this.java = java;
		this.timeout = timeout;
		this.grace = grace;
		this.workingDirectory = workingDirectory;
	}

	/**
	 * Returns the {@code java} executable of the running JVM.
	 * @return its path
	 */
	static Path currentJava() {
		String name = System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java";
		return Path.of(System.getProperty("java.home"), "bin", name);
	}

	/**
	 * Returns the command that runs a jar in describe mode.
	 * @param jar the application
	 * @param descriptor where it writes its descriptor
	 * @return the command
	 */
	List<String> command(Path jar, Path descriptor) {
		return List.of(this.java.toString(), "-XX:TieredStopAtLevel=1",
				"-D" + PluginDescriptor.DESCRIBE_TO_PROPERTY + "=" + descriptor.toAbsolutePath(),
				"-Dspring.main.web-application-type=none", "-Dspring.context.exit=onRefresh", "-jar",
				jar.toAbsolutePath().toString());
	}

	/**
	 * Returns the descriptor of a jar: the one the package goal wrote into the folder if
	 * it is newer than the jar, otherwise a new one from a describe run.
	 * @param jar the application
	 * @param folder where the descriptor and the log of the run go
	 * @param warnings receives problems that do not stop the build
	 * @return the descriptor
	 * @throws PackagingException if the application fails, times out or writes nothing
	 * usable
	 * @throws IOException if the process cannot be started or its files not handled
	 */
	PluginDescriptor current(Path jar, Path folder, Consumer<String> warnings) throws PackagingException, IOException {
		Path descriptor = folder.resolve(DESCRIPTOR_FILE);
		if (Files.isRegularFile(descriptor)
				&& Files.getLastModifiedTime(descriptor).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
			try {
				return PluginDescriptor.read(descriptor);
			}
			catch (JacksonException ex) {
				warnings.accept(
						"Describing the plugin again: " + descriptor + " cannot be read: " + ex.getOriginalMessage());
			}
		}
		return describe(jar, folder, warnings);
	}

	/**
	 * Runs a jar in describe mode and reads what it wrote.
	 * @param jar the application
	 * @param folder where the descriptor and the log of the run go
	 * @param warnings receives problems that do not stop the build
	 * @return the descriptor
	 * @throws PackagingException if the application fails, times out or writes nothing
	 * usable
	 * @throws IOException if the process cannot be started or its files not handled
	 */
	PluginDescriptor describe(Path jar, Path folder, Consumer<String> warnings) throws PackagingException, IOException {
		Files.createDirectories(folder);
		Path descriptor = folder.resolve(DESCRIPTOR_FILE);
		Path log = folder.resolve("describe.log");
		Files.deleteIfExists(descriptor);
		Process process = new ProcessBuilder(command(jar, descriptor)).directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		process.getOutputStream().close();
		try {
			await(process, descriptor, log, warnings);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop(process);
			throw new PackagingException("Interrupted while describing the plugin", ex);
		}
		if (!Files.isRegularFile(descriptor)) {
			throw failure("The application exited without writing a plugin descriptor. A Spring Boot application "
					+ "needs ekuiper-plugin-spring-boot-starter; a plain-Java one must hand its PluginDefinition to "
					+ "PluginRuntime.serve.", log);
		}
		try {
			return PluginDescriptor.read(descriptor);
		}
		catch (JacksonException ex) {
			throw failure("The plugin descriptor " + descriptor + " cannot be read: " + ex.getOriginalMessage(), log);
		}
	}

	private void await(Process process, Path descriptor, Path log, Consumer<String> warnings)
			throws InterruptedException, IOException, PackagingException {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		long written = 0;
		while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
			long now = System.nanoTime();
			if (written == 0 && Files.isRegularFile(descriptor)) {
				written = now;
			}
			if (written != 0 && now - written > this.grace.toNanos()) {
				stop(process);
				warnings.accept("The application wrote its descriptor but did not exit within " + this.grace.toSeconds()
						+ " s, so it was stopped. Threads that keep it alive will also "
						+ "delay the install-time training.");
				return;
			}
			if (now - deadline > 0) {
				stop(process);
				throw failure("The application did not describe itself within " + this.timeout.toSeconds()
						+ " s (describeTimeout).", log);
			}
		}
		if (process.exitValue() != 0) {
			throw failure("The application failed in describe mode with exit code " + process.exitValue() + ".", log);
		}
	}

	private static void stop(Process process) {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (process.waitFor(5, TimeUnit.SECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private static PackagingException failure(String message, Path log) throws IOException {
		List<String> lines = Files.exists(log)
				? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
		List<String> shown = lines.subList(Math.max(0, lines.size() - SHOWN_LINES), lines.size());
		StringBuilder text = new StringBuilder(message);
		text.append("\nIts output (").append(log).append(")");
		if (shown.size() < lines.size()) {
			text.append(", last ").append(SHOWN_LINES).append(" lines");
		}
		text.append(":\n");
		shown.forEach((line) -> text.append("  | ").append(line).append('\n'));
		return new PackagingException(text.toString().stripTrailing());
	}

}
