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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs shell scripts in tests and writes executable stand-ins for {@code java}.
 */
final class Scripts {

	private Scripts() {
	}

	/**
	 * Writes an executable file.
	 * @param file where
	 * @param text the content
	 * @return the file
	 * @throws IOException if it cannot be written
	 */
	static Path executable(Path file, String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}

	/**
	 * Runs a command to its end, within 60 seconds.
	 * @param directory the working directory
	 * @param environment variables to set; a {@code null} value removes one
	 * @param command the command
	 * @return what it did
	 * @throws Exception if it cannot be run or takes too long
	 */
	static Result run(Path directory, Map<String, String> environment, List<String> command) throws Exception {
		ProcessBuilder builder = builder(directory, environment, command);
		Path out = Files.createTempFile("script", ".out");
		Path err = Files.createTempFile("script", ".err");
		try {
			Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
			process.getOutputStream().close();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command);
			}
			return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	/**
	 * Returns a process builder for a script, with none of the plugin's variables of this
	 * environment and the given ones added ({@code null} removes one).
	 * @param directory the working directory
	 * @param environment variables to set or remove
	 * @param command the command line
	 * @return the builder
	 */
	static ProcessBuilder builder(Path directory, Map<String, String> environment, List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("EKUIPER_PLUGIN_"));
		environment.forEach((name, value) -> {
			if (value == null) {
				builder.environment().remove(name);
			}
			else {
				builder.environment().put(name, value);
			}
		});
		return builder;
	}

	/**
	 * What a command did.
	 *
	 * @param exitCode its exit code
	 * @param out its standard output
	 * @param err its standard error
	 */
	record Result(int exitCode, String out, String err) {

		List<String> outLines() {
			return this.out.lines().toList();
		}

	}

}
