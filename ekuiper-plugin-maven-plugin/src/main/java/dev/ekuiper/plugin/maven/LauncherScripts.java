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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The two shell scripts of a plugin package: the launcher eKuiper executes, and the
 * {@code install.sh} it runs once on install, which prepares a faster start-up.
 */
final class LauncherScripts {

	/**
	 * JVM options for a small edge device, used unless the build sets others. Each one
	 * keeps memory resident: a small initial heap (with only {@code -Xmx} it defaults to
	 * the maximum on any machine with 6 GiB or more, all of it resident), a young
	 * generation of a sixth of the heap (every page of it is touched), and compiling only
	 * what runs five times as often as by default (start-up code is left interpreted).
	 * Measured in docs/performance.md.
	 */
	static final String DEFAULT_JVM_OPTIONS = "-Xms16m -Xmx96m -XX:NewRatio=5 -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5";

	/** The project's own install steps, run first by {@code install.sh}. */
	static final String EXTRA_INSTALL_SCRIPT = "install-extra.sh";

	private final String pluginName;

	private final String jvmOptions;

	/**
	 * Creates the scripts of a plugin.
	 * @param pluginName the plugin name, a safe file name
	 * @param jvmOptions space-separated JVM options
	 * @throws PackagingException if the options cannot be written into a script
	 */
	LauncherScripts(String pluginName, String jvmOptions) throws PackagingException {
		String options = (jvmOptions != null) ? jvmOptions.strip().replaceAll("\\s+", " ") : "";
		if (options.contains("'")) {
			throw new PackagingException("jvmOptions cannot contain a single quote: " + jvmOptions);
		}
		this.pluginName = pluginName;
		this.jvmOptions = options;
	}

	/**
	 * Returns the launcher, a POSIX shell script named like the plugin.
	 * @return the file content
	 */
	byte[] launcher() {
		return render("launcher.sh");
	}

	/**
	 * Returns {@code install.sh}.
	 * @return the file content
	 */
	byte[] installScript() {
		return render("install.sh");
	}

	private byte[] render(String template) {
		try (InputStream in = LauncherScripts.class.getResourceAsStream(template)) {
			if (in == null) {
				throw new IllegalStateException("Missing template " + template);
			}
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return text.replace("@@PLUGIN@@", this.pluginName)
				.replace("@@JAVA_OPTS@@", this.jvmOptions)
				.getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
