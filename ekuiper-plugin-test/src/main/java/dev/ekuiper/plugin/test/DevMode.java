package dev.ekuiper.plugin.test;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Runs a plugin with no eKuiper installed: an {@link EmbeddedHost} in a private temporary
 * socket directory launches the plugin's jar with the current {@code java}, eKuiper's
 * argument {@code {"sendTimeout":1000}} and the socket directory in
 * {@code EKUIPER_PLUGIN_SOCKET_DIRECTORY}; then it starts a source, calls a function on
 * each record, sends the row to a sink with {@code requireAck}, and prints one JSON line
 * per record on standard output (wrapped here):
 *
 * <pre class="code">
 * {"source":{"sensorId":"sensor-1","temperature":21.3,"humidity":44.1,"timestamp":1700000000000},
 *  "function":70.34,"ack":{}}
 * </pre>
 *
 * <p>It runs until interrupted (Ctrl-C stops the symbols, ends the plugin and deletes the
 * socket directory) or until {@code --records} or {@code --duration} is reached. Logs,
 * the plugin's output included, go to standard error. Run with {@code --help} for the
 * options; the defaults run the demo plugin.
 */
public final class DevMode {

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

	private DevMode() {
	}

	/**
	 * Runs dev mode from the command line and exits with its code.
	 * @param args the options
	 */
	public static void main(String[] args) {
		PrintStream records = System.out;
		// Logging set up later writes to System.out; keep standard output for the records.
		System.setOut(System.err);
		DevModeOptions options = parse(records, args);
		if (options == null) {
			System.exit(2);
		}
		if (options.help()) {
			return;
		}
		DevModeRun devMode = new DevModeRun(options, records, System.err);
		Thread stopper = new Thread(() -> devMode.stop(SHUTDOWN_WAIT), "ekuiper-dev-mode-stop");
		Runtime.getRuntime().addShutdownHook(stopper);
		int code = devMode.run();
		try {
			Runtime.getRuntime().removeShutdownHook(stopper);
		}
		catch (IllegalStateException ex) {
			// Interrupted: the JVM is shutting down already.
			return;
		}
		System.exit(code);
	}

	/**
	 * Runs dev mode in this JVM until its bound is reached, with no signal handling.
	 * @param out where the records are printed, one JSON line each
	 * @param args the options, as on the command line
	 * @return 0 on success, 1 on failure, 2 for invalid options
	 */
	public static int run(PrintStream out, String... args) {
		DevModeOptions options = parse(out, args);
		if (options == null) {
			return 2;
		}
		if (options.help()) {
			return 0;
		}
		return new DevModeRun(options, out, System.err).run();
	}

	private static DevModeOptions parse(PrintStream out, String... args) {
		try {
			DevModeOptions options = DevModeOptions.parse(args);
			if (options.help()) {
				out.print(DevModeOptions.USAGE);
			}
			return options;
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(DevModeOptions.USAGE);
			return null;
		}
	}

}
