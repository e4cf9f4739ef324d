package dev.ekuiper.plugin.autoconfigure;

import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.TerminationSignals;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the plugin runtime once the context is refreshed and stops it gracefully when
 * the context closes (before the web server, if any, since it starts earlier). Survives
 * stop and start, as paused test contexts need.
 */
public class EkuiperPluginLifecycle implements SmartLifecycle {

	/** The phase: before the web server starts, after it stops. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final PluginRuntime runtime;

	private final Runnable onTermination;

	private boolean signalsHandled;

	/**
	 * Creates the lifecycle.
	 * @param runtime the runtime to start and stop
	 */
	public EkuiperPluginLifecycle(PluginRuntime runtime) {
		this(runtime, null);
	}

	/**
	 * Creates the lifecycle, making SIGTERM and SIGINT a graceful stop that exits 0 once
	 * the runtime first starts.
	 * @param runtime the runtime to start and stop
	 * @param onTermination closes the application on SIGTERM or SIGINT, or {@code null}
	 * to leave signals to the JVM
	 */
	public EkuiperPluginLifecycle(PluginRuntime runtime, Runnable onTermination) {
		this.runtime = runtime;
		this.onTermination = onTermination;
	}

	@Override
	public void start() {
		if (this.onTermination != null && !this.signalsHandled) {
			this.signalsHandled = TerminationSignals.exitGracefully(this.onTermination);
		}
		this.runtime.start();
	}

	@Override
	public void stop() {
		this.runtime.stop();
	}

	@Override
	public void stop(Runnable callback) {
		Thread stopper = new Thread(() -> {
			try {
				this.runtime.stop();
			}
			finally {
				callback.run();
			}
		}, "ekuiper-lifecycle-stop");
		stopper.start();
	}

	@Override
	public boolean isRunning() {
		return this.runtime.isRunning();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
