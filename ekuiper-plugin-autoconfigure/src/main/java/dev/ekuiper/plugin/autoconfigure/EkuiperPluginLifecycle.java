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
