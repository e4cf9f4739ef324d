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

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds the external peers and shared files the interop tests need: {@code nngcat}
 * (libnng) on the {@code PATH}, {@code mangospeer} built once per JVM from
 * {@code interop/mangos} with {@code go build}, and the {@code shared} folder next to the
 * repository. Something missing fails the test when the {@code CI} environment variable
 * is set (CI must provide it) and skips it otherwise.
 */
final class Peers {

	private static final long GO_BUILD_MINUTES = 5;

	private static Path mangospeer;

	private static String mangospeerProblem;

	private static String buildFailure;

	private Peers() {
	}

	/**
	 * Returns the {@code nngcat} executable.
	 * @return its path
	 */
	static Path nngcat() {
		Path nngcat = onPath("nngcat");
		if (nngcat == null) {
			missing("nngcat (libnng) is not on the PATH; install it, e.g. 'apt-get install nng-utils'");
		}
		return nngcat;
	}

	/**
	 * Returns the {@code mangospeer} executable, building it on first use.
	 * @return its path
	 */
	static synchronized Path mangospeer() {
		if (mangospeer == null && mangospeerProblem == null && buildFailure == null) {
			build();
		}
		if (mangospeerProblem != null) {
			missing(mangospeerProblem);
		}
		if (buildFailure != null) {
			fail(buildFailure);
		}
		return mangospeer;
	}

	/**
	 * Returns the {@code shared} folder that sits next to the repository root.
	 * @return the folder
	 */
	static Path sharedFolder() {
		Path shared = repositoryRoot().resolveSibling("shared");
		if (!Files.isDirectory(shared)) {
			missing("the shared folder is missing: expected '" + shared
					+ "' next to the repository (clone it as a sibling of the repository root)");
		}
		return shared;
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

	/**
	 * Fails the test when running in CI, skips it otherwise.
	 * @param problem what is missing and how to get it
	 */
	static void missing(String problem) {
		if (System.getenv("CI") != null) {
			fail(problem + " (the CI environment variable is set, so this is a failure, not a skip)");
		}
		Assumptions.abort(problem);
	}

	private static void build() {
		Path source = repositoryRoot().resolve("interop").resolve("mangos");
		if (!Files.isDirectory(source.resolve("cmd").resolve("mangospeer"))) {
			mangospeerProblem = "the mangospeer sources are missing from " + source;
			return;
		}
		Path go = onPath("go");
		if (go == null && System.getenv("GOROOT") != null) {
			go = executable(Path.of(System.getenv("GOROOT"), "bin", "go"));
		}
		if (go == null) {
			mangospeerProblem = "go is not on the PATH, so mangospeer cannot be built; install Go 1.22 or later";
			return;
		}
		Path folder = targetFolder().resolve("interop");
		Path output = folder.resolve("mangospeer");
		Path log = folder.resolve("mangospeer-build.log");
		List<String> command = List.of(go.toString(), "build", "-o", output.toString(), "./cmd/mangospeer");
		try {
			Files.createDirectories(folder);
			Process process = new ProcessBuilder(command).directory(source.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			process.getOutputStream().close();
			if (!process.waitFor(GO_BUILD_MINUTES, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				buildFailure = "go build of mangospeer took more than " + GO_BUILD_MINUTES + " minutes";
			}
			else if (process.exitValue() != 0 || executable(output) == null) {
				buildFailure = "go build of mangospeer failed (exit " + process.exitValue() + "):\n"
						+ Files.readString(log, StandardCharsets.UTF_8);
			}
			else {
				mangospeer = output;
			}
		}
		catch (IOException ex) {
			buildFailure = "cannot run go build for mangospeer: " + ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			buildFailure = "interrupted while building mangospeer";
		}
	}

	private static Path targetFolder() {
		try {
			Path classes = Path.of(Peers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return classes.getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		List<Path> candidates = new ArrayList<>();
		for (String folder : path.split(File.pathSeparator)) {
			if (!folder.isEmpty()) {
				candidates.add(Path.of(folder, name));
			}
		}
		for (Path candidate : candidates) {
			Path found = executable(candidate);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static Path executable(Path candidate) {
		return (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) ? candidate : null;
	}

}
