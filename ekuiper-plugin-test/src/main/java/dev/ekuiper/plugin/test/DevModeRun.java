package dev.ekuiper.plugin.test;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.protocol.Json;

/**
 * One run of {@link DevMode}: a host in a private socket directory, the plugin process,
 * the {@link DevModeRule} and the loop that prints each record. Every way out stops the
 * rule, ends the process and deletes the directory.
 */
final class DevModeRun {

	/** The environment variable Spring binds to {@code ekuiper.plugin.socket-directory}. */
	static final String SOCKET_DIRECTORY_VARIABLE = "EKUIPER_PLUGIN_SOCKET_DIRECTORY";

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

	private final DevModeOptions options;

	private final PrintStream out;

	private final PrintStream err;

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean stopping;

	private Path socketDirectory;

	private EmbeddedHost host;

	private PluginProcess process;

	private DevModeRule rule;

	DevModeRun(DevModeOptions options, PrintStream out, PrintStream err) {
		this.options = options;
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs until the bound is reached, {@link #stop} is called or something fails.
	 * @return the exit code: 0 when stopped or done, 1 on failure
	 */
	int run() {
		try {
			start();
			long count = loop();
			this.err.println("Dev mode: " + count + " record(s)");
			return 0;
		}
		catch (RuntimeException ex) {
			OptionalInt exit = (this.process != null) ? this.process.exitCode() : OptionalInt.empty();
			this.err.println("Dev mode failed: " + ex.getMessage()
					+ (exit.isPresent() ? " (the plugin exited with code " + exit.getAsInt() + ")" : ""));
			return 1;
		}
		finally {
			cleanUp();
			this.finished.countDown();
		}
	}

	/**
	 * Asks the run to end and waits for its clean-up.
	 * @param wait how long to wait
	 */
	void stop(Duration wait) {
		this.stopping = true;
		try {
			this.finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void start() {
		this.socketDirectory = SocketDirectories.create("ekuiper-dev-");
		this.host = EmbeddedHost.builder(this.options.plugin())
			.socketDirectory(this.socketDirectory)
			.commandTimeout(Duration.ofSeconds(10))
			.build();
		this.err.println("Dev mode: launching " + this.options.jar() + " as plugin '" + this.options.plugin()
				+ "', sockets in " + this.socketDirectory);
		this.process = PluginProcess.start(this.options.plugin(), command());
		awaitHandshake();
		this.rule = DevModeRule.start(this.host, this.options, this.err);
		this.err.println("Dev mode: rule '" + DevModeRule.ID + "' running " + this.rule.describe()
				+ "; Ctrl-C to stop");
	}

	/** Runs the plugin as eKuiper runs its launcher, plus the socket directory. */
	private PluginCommand command() {
		Path jar = this.options.jar().toAbsolutePath().normalize();
		List<String> command = new ArrayList<>();
		// PluginCommand has no environment of its own: env(1) sets it and execs java.
		command.add("env");
		command.add(SOCKET_DIRECTORY_VARIABLE + "=" + this.socketDirectory);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.options.jvmArguments());
		command.add("-jar");
		command.add(jar.toString());
		command.add(PluginCommand.PORTABLE_ARGUMENT);
		return new PluginCommand(command, jar.getParent());
	}

	/** Waits for the handshake, failing fast if the process ends first. */
	private void awaitHandshake() {
		long deadline = System.nanoTime() + this.options.initTimeout().toNanos();
		while (true) {
			try {
				this.host.awaitHandshake(Duration.ofMillis(250));
				return;
			}
			catch (HostTimeoutException ex) {
				OptionalInt exit = this.process.exitCode();
				if (exit.isPresent()) {
					throw new HostException("plugin '" + this.options.plugin() + "' exited with code "
							+ exit.getAsInt() + " before its handshake");
				}
				if (this.stopping) {
					throw new HostException("stopped before the plugin's handshake");
				}
				if (System.nanoTime() > deadline) {
					throw new HostException("no handshake from plugin '" + this.options.plugin() + "' within "
							+ this.options.initTimeout().toSeconds() + " s; is ekuiper.plugin.name '"
							+ this.options.plugin() + "'?");
				}
			}
		}
	}

	private long loop() {
		long deadline = (this.options.duration() != null) ? System.nanoTime() + this.options.duration().toNanos()
				: Long.MAX_VALUE;
		long count = 0;
		while (!this.stopping && (this.options.records() == 0 || count < this.options.records())) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				break;
			}
			Optional<Map<String, Object>> line = this.rule.next(Duration.ofNanos(Math.min(remaining, POLL.toNanos())));
			if (line.isPresent()) {
				count++;
				this.out.println(Json.mapper().writeValueAsString(GoNumbers.display(line.get())));
			}
			else if (!this.process.isAlive()) {
				throw new HostException("plugin '" + this.options.plugin() + "' exited with code "
						+ this.process.exitCode().orElse(-1));
			}
		}
		return count;
	}

	private void cleanUp() {
		Thread stopper = null;
		if (this.process != null && this.process.isAlive()) {
			if (this.rule != null) {
				// eKuiper stops a rule before it kills a plugin. On Ctrl-C the plugin gets
				// the signal too and may end meanwhile: stop waiting then.
				stopper = new Thread(this.rule::close, "ekuiper-dev-mode-stop-rule");
				stopper.setDaemon(true);
				stopper.start();
				joinWhilePluginRuns(stopper, STOP_WAIT);
			}
			// SIGTERM through the handle: Process.destroy() would also close the output pipe
			// and lose what the plugin logs while it shuts down.
			ProcessHandle.of(this.process.pid()).ifPresent(ProcessHandle::destroy);
			if (this.process.awaitExit(EXIT_WAIT).isEmpty()) {
				this.process.kill();
			}
		}
		if (this.process != null) {
			this.process.close();
			this.err.println("Dev mode: plugin ended with exit code " + this.process.exitCode().orElse(-1));
		}
		if (this.host != null) {
			// Also wakes a stop still waiting for an answer from the ended plugin.
			this.host.close();
		}
		if (stopper != null) {
			join(stopper, Duration.ofSeconds(1));
		}
		if (this.socketDirectory != null) {
			SocketDirectories.delete(this.socketDirectory);
		}
	}

	/** Waits for a thread while the plugin runs, at most the given time. */
	private void joinWhilePluginRuns(Thread thread, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		while (thread.isAlive() && this.process.isAlive() && System.nanoTime() < deadline) {
			join(thread, Duration.ofMillis(100));
		}
	}

	private static void join(Thread thread, Duration wait) {
		try {
			thread.join(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
