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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.ekuiper.plugin.test.PluginCommand;

/**
 * A conformance plugin under test, as both hosts launch it: the Java one through its
 * {@code #!/bin/sh} launcher (a {@code language:"go"} plugin), or the official Python SDK
 * one ({@code language:"python"}) from a copy of its folder. Both serve plugin and
 * function names unique to the run, and each subject comes with a rule id of its own,
 * since every socket lives in eKuiper's {@code /tmp}, where an eKuiper or another build
 * may hold the fixed names.
 *
 * @param label {@code java} or {@code python}
 * @param pluginName the plugin name, which names the control socket
 * @param function the function symbol
 * @param ruleId a rule id unique to this run
 * @param command how the embedded host launches it
 * @param hostFlags how {@code ekuiperhost} launches it
 */
record ConformanceSubject(String label, String pluginName, String function, String ruleId, PluginCommand command,
		List<String> hostFlags) {

	private static final Path TMP = Path.of("/tmp");

	/**
	 * Returns the plugin for a label.
	 * @param label {@code java} or {@code python}
	 * @param work a folder for the Java plugin's launcher
	 * @return the subject; the test is skipped (or failed in CI) if the Python venv is
	 * missing
	 * @throws IOException if the launcher cannot be written
	 */
	static ConformanceSubject of(String label, Path work) throws IOException {
		String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		String ruleId = label.charAt(0) + "c" + id;
		if (label.equals("python")) {
			Path python = InteropPeers.python();
			String suffix = "_p" + id;
			Path folder = InteropPeers.pythonPluginCopy(work, suffix);
			return new ConformanceSubject(label, ConformancePlugin.NAME + suffix, "revert" + suffix, ruleId,
					PluginCommand.installed(folder, python.toString()),
					List.of("--python", python.toString(), "--script", folder.resolve("conformance.py").toString()));
		}
		String suffix = "_j" + id;
		Path launcher = JavaPluginLauncher.write(work.resolve(ConformancePlugin.NAME + suffix), "conformance",
				ConformancePlugin.class, Map.of(ConformancePlugin.SUFFIX_PROPERTY, suffix));
		return new ConformanceSubject(label, ConformancePlugin.NAME + suffix, "revert" + suffix, ruleId,
				PluginCommand.go(launcher), List.of("--exec", launcher.toString()));
	}

	/**
	 * Removes the socket files a killed plugin leaves in {@code /tmp}: those of this
	 * run's rule and of its unique names.
	 * @throws IOException if the folder cannot be listed
	 */
	void removeLeftoverSocketFiles() throws IOException {
		removeMatching(this.ruleId + "_*.ipc");
		removeMatching("*" + this.pluginName.substring(ConformancePlugin.NAME.length()) + ".ipc");
	}

	private static void removeMatching(String pattern) throws IOException {
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(TMP, pattern)) {
			for (Path leftover : leftovers) {
				Files.deleteIfExists(leftover);
			}
		}
	}

}
