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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code #!/bin/sh} launcher a Java plugin ships as its {@code language:"go"}
 * executable: it {@code exec}s the JVM running the tests, with the test classpath and a
 * main class, passing on {@code "$@"} (eKuiper's single argument), so the plugin process
 * is launched exactly as eKuiper launches it and the JVM replaces the shell (signals and
 * the parent process id are the JVM's own).
 */
public final class JavaPluginLauncher {

	private JavaPluginLauncher() {
	}

	/**
	 * Writes {@code <folder>/<name>} with the exec bit set.
	 * @param folder the plugin folder (the working directory eKuiper uses)
	 * @param name the executable's file name
	 * @param mainClass the class whose {@code main} serves the plugin
	 * @param systemProperties {@code -D} options for the plugin JVM
	 * @return the executable
	 * @throws IOException if it cannot be written
	 */
	public static Path write(Path folder, String name, Class<?> mainClass, Map<String, String> systemProperties)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		// Start-up time matters more than peak speed for a test plugin.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-XX:+UseSerialGC");
		command.add("-Xshare:auto");
		// As the packaged plugin's launcher: an exhausted heap ends the JVM.
		command.add("-XX:+ExitOnOutOfMemoryError");
		systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
		for (String word : command) {
			script.append(' ').append(quote(word));
		}
		script.append(" \"$@\"\n");
		Files.createDirectories(folder);
		Path executable = folder.resolve(name);
		Files.writeString(executable, script, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
		return executable;
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * Quotes a word for {@code sh}: single quotes, each embedded one closed, escaped,
	 * reopened.
	 */
	private static String quote(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

}
