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

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs a plugin with no eKuiper installed: an {@link EmbeddedHost} in a private temporary
 * socket directory launches the plugin's jar with the current {@code java}, eKuiper's
 * argument {@code {"sendTimeout":1000}} and the socket directory in
 * {@code EKUIPER_PLUGIN_SOCKET_DIRECTORY}; then it runs the rules of a
 * {@link DevModeScenario}: it starts each rule's source, calls its function on each
 * record (an aggregate on each window of records), sends the row to its sink with
 * {@code requireAck}, and prints one JSON line per record on standard output (wrapped
 * here):
 *
 * <pre class="code">
 * {"source":{"sensorId":"sensor-1","temperature":21.3,"humidity":44.1,"timestamp":1700000000000},
 *  "function":70.34,"ack":{}}
 * </pre>
 *
 * <p>
 * It runs until interrupted (Ctrl-C stops the rules, ends the plugin and deletes the
 * socket directory) or until {@link DevModeOptions#records()} or
 * {@link DevModeOptions#duration()} is reached, then prints a summary: the records, the
 * errors and what each symbol did. The plugin's output is shown as it wrote it, one line
 * each. The {@code ekuiper-plugin:dev} Maven goal runs it; so does {@link #main} with
 * {@code --help} for the options.
 */
public final class DevMode {

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

	private static final String PREFIX = "Dev mode: ";

	private DevMode() {
	}

	/**
	 * Runs dev mode from the command line and exits with its code.
	 * @param args the options
	 */
	public static void main(String[] args) {
		PrintStream records = System.out;
		// Logging set up later may write to System.out; keep standard output for the
		// records.
		System.setOut(System.err);
		DevModeOptions options;
		try {
			options = DevModeOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(DevModeOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options == null) {
			records.print(DevModeOptions.USAGE);
			return;
		}
		int code = runUntilInterrupted(options, records, System.err, (message) -> System.err.println(PREFIX + message));
		if (code >= 0) {
			System.exit(code);
		}
	}

	/**
	 * Runs dev mode in this JVM until its bound is reached, with no signal handling.
	 * @param options what to run
	 * @param records where each record's JSON line goes
	 * @param output where the plugin's output and dev mode's messages go
	 * @return 0 on success, 1 on failure
	 */
	public static int run(DevModeOptions options, PrintStream records, PrintStream output) {
		return new DevModeRun(options, records, output, (message) -> output.println(PREFIX + message)).run();
	}

	/**
	 * Runs dev mode in this JVM until its bound is reached or the JVM is interrupted
	 * (Ctrl-C): a shutdown hook then stops the rules, ends the plugin, deletes the
	 * sockets and prints the summary before the JVM exits.
	 * @param options what to run
	 * @param records where each record's JSON line goes
	 * @param pluginOutput where the plugin's output goes, each line as it wrote it
	 * @param log receives dev mode's own messages
	 * @return 0 on success, 1 on failure, -1 if interrupted (the JVM is shutting down)
	 */
	public static int runUntilInterrupted(DevModeOptions options, PrintStream records, PrintStream pluginOutput,
			Consumer<String> log) {
		DevModeRun devMode = new DevModeRun(options, records, pluginOutput, log);
		Thread stopper = new Thread(() -> devMode.stop(SHUTDOWN_WAIT), "ekuiper-dev-mode-stop");
		Runtime.getRuntime().addShutdownHook(stopper);
		int code = devMode.run();
		try {
			Runtime.getRuntime().removeShutdownHook(stopper);
		}
		catch (IllegalStateException ex) {
			// Interrupted: the JVM is shutting down already.
			return -1;
		}
		return code;
	}

}
