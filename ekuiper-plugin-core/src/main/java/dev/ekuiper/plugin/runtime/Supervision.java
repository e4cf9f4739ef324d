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
package dev.ekuiper.plugin.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the plugin's launcher tells the JVM it supervises, through the environment: where
 * the plugin keeps its state, how often the JVM has been restarted since eKuiper started
 * the launcher, and eKuiper's process id. A restarted JVM restores the sources and sinks
 * that were running from the journal in the state directory; a first start clears it,
 * since eKuiper replays its own record after it launches a plugin.
 *
 * @param stateDirectory where the journal of started symbols lives
 * @param restarts {@code 0} for the launcher's first JVM, then one more per restart
 * @param hostPid eKuiper's process id, or {@code -1} if unknown
 */
public record Supervision(Path stateDirectory, int restarts, long hostPid) {

	/** The environment variable naming the state directory. */
	public static final String STATE_DIRECTORY = "EKUIPER_PLUGIN_STATE_DIR";

	/** The environment variable holding the restart count. */
	public static final String RESTARTS = "EKUIPER_PLUGIN_RESTARTS";

	/** The environment variable holding eKuiper's process id. */
	public static final String HOST_PID = "EKUIPER_PLUGIN_HOST_PID";

	/**
	 * Reads the supervision from an environment.
	 * @param environment typically {@link System#getenv()}
	 * @return the supervision, or empty when the JVM was not started by the launcher's
	 * supervisor
	 */
	public static Optional<Supervision> fromEnvironment(Map<String, String> environment) {
		String directory = environment.get(STATE_DIRECTORY);
		String restarts = environment.get(RESTARTS);
		if (directory == null || directory.isBlank() || restarts == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(new Supervision(Path.of(directory), Integer.parseInt(restarts.strip()),
					parsePid(environment.get(HOST_PID))));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Returns whether this JVM replaces one that died.
	 * @return {@code true} after a restart
	 */
	public boolean isRestart() {
		return this.restarts > 0;
	}

	/**
	 * Returns the journal file.
	 * @return {@code journal.json} in the state directory
	 */
	Path journalFile() {
		return this.stateDirectory.resolve("journal.json");
	}

	private static long parsePid(String pid) {
		try {
			return (pid != null) ? Long.parseLong(pid.strip()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
