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
package dev.ekuiper.plugin.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * What the interop tests need from outside the JVM: {@code ekuiperhost} built once per
 * JVM from {@code interop/mangos} with {@code go build}, and the venv of the Python SDK
 * plugin in {@code interop/python}. Something missing fails the test when the {@code CI}
 * environment variable is set (CI must provide it) and skips it otherwise.
 */
public final class InteropPeers {

	private static final long GO_BUILD_MINUTES = 5;

	private static Path ekuiperhost;

	private static String ekuiperhostProblem;

	private InteropPeers() {
	}

	/**
	 * Returns the {@code ekuiperhost} executable, building it on first use.
	 * @return its path
	 */
	static synchronized Path ekuiperhost() {
		if (ekuiperhost == null && ekuiperhostProblem == null) {
			build();
		}
		if (ekuiperhostProblem != null) {
			missing(ekuiperhostProblem);
		}
		return ekuiperhost;
	}

	/**
	 * Returns the Python interpreter of the SDK plugin's venv.
	 * @return its path
	 */
	public static Path python() {
		Path python = repositoryRoot().resolve("interop/python/.venv/bin/python");
		if (!Files.isExecutable(python)) {
			missing("The Python SDK venv is missing; set it up with: python3 -m venv interop/python/.venv "
					+ "&& interop/python/.venv/bin/pip install -r interop/python/requirements.txt");
		}
		return python;
	}

	/**
	 * Returns the folder of the Python SDK conformance plugin.
	 * @return the folder
	 */
	static Path pythonPluginFolder() {
		return repositoryRoot().resolve("interop/python/conformance");
	}

	/**
	 * Copies the Python SDK conformance plugin to {@code <work>/conformance<suffix>}, as
	 * eKuiper would install it under that name, where it serves plugin
	 * {@code conformance<suffix>} and function {@code revert<suffix>}: the SDK fixes its
	 * socket paths under {@code /tmp}, so only unique names keep them apart from an
	 * eKuiper or another build on the machine.
	 * @param work where the copy goes
	 * @param suffix what the plugin and function names end with
	 * @return the copied plugin folder
	 * @throws IOException if the copy fails
	 */
	public static Path pythonPluginCopy(Path work, String suffix) throws IOException {
		Path source = pythonPluginFolder();
		Path target = work.resolve(source.getFileName() + suffix);
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.filter((path) -> !path.toString().contains("__pycache__")).toList()) {
				Files.copy(file, target.resolve(source.relativize(file).toString()));
			}
		}
		// As installed, the descriptor is named after the plugin, <name>/<name>.json, and
		// lists the function under the name the copy serves.
		Path descriptor = target.resolve(source.getFileName() + ".json");
		Files.writeString(target.resolve(target.getFileName() + ".json"),
				Files.readString(descriptor).replace("\"revert\"", "\"revert" + suffix + "\""));
		Files.delete(descriptor);
		return target;
	}

	/**
	 * Returns the repository root: the nearest folder at or above the working directory
	 * that holds the Maven wrapper.
	 * @return the root
	 */
	static Path repositoryRoot() {
		Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
		for (Path folder = start; folder != null; folder = folder.getParent()) {
			if (Files.isRegularFile(folder.resolve("mvnw"))) {
				return folder;
			}
		}
		throw new IllegalStateException("no folder with mvnw at or above " + start);
	}

	private static void missing(String problem) {
		if (System.getenv("CI") != null) {
			fail(problem + " (the CI environment variable is set, so this is a failure, not a skip)");
		}
		Assumptions.abort(problem);
	}

	private static void build() {
		Path source = repositoryRoot().resolve("interop").resolve("mangos");
		if (!Files.isDirectory(source.resolve("cmd").resolve("ekuiperhost"))) {
			ekuiperhostProblem = "the ekuiperhost sources are missing from " + source;
			return;
		}
		Path go = onPath("go");
		if (go == null && System.getenv("GOROOT") != null) {
			go = executable(Path.of(System.getenv("GOROOT"), "bin", "go"));
		}
		if (go == null) {
			ekuiperhostProblem = "go is not on the PATH, so ekuiperhost cannot be built; install Go 1.22 or later";
			return;
		}
		Path folder = Path.of(System.getProperty("user.dir")).toAbsolutePath().resolve("target").resolve("interop");
		Path output = folder.resolve("ekuiperhost");
		Path log = folder.resolve("ekuiperhost-build.log");
		List<String> command = List.of(go.toString(), "build", "-o", output.toString(), "./cmd/ekuiperhost");
		try {
			Files.createDirectories(folder);
			Process process = new ProcessBuilder(command).directory(source.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			process.getOutputStream().close();
			if (!process.waitFor(GO_BUILD_MINUTES, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				ekuiperhostProblem = "go build of ekuiperhost took more than " + GO_BUILD_MINUTES + " minutes";
			}
			else if (process.exitValue() != 0 || executable(output) == null) {
				ekuiperhostProblem = "go build of ekuiperhost failed (exit " + process.exitValue() + "):\n"
						+ Files.readString(log, StandardCharsets.UTF_8);
			}
			else {
				ekuiperhost = output;
			}
		}
		catch (IOException ex) {
			ekuiperhostProblem = "cannot run go build for ekuiperhost: " + ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			ekuiperhostProblem = "interrupted while building ekuiperhost";
		}
	}

	private static Path onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String entry : path.split(File.pathSeparator)) {
			if (!entry.isEmpty()) {
				Path candidate = executable(Path.of(entry, name));
				if (candidate != null) {
					return candidate;
				}
			}
		}
		return null;
	}

	private static Path executable(Path candidate) {
		return (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) ? candidate : null;
	}

}
