package dev.ekuiper.plugin.runtime;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.binding.ConfigBindingException;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.Texts;

/**
 * What starting a symbol needs from the runtime, and a bounded way to run user set-up code
 * so a hanging {@code configure} or {@code open} cannot block the control channel.
 */
final class Setup {

	/** User code that may throw anything. */
	@FunctionalInterface
	interface Step {

		void run() throws Exception;

	}

	private final RuntimeSettings settings;

	private final RuntimeObserver observer;

	private final java.util.function.Function<String, SymbolState> states;

	private final ExecutorService executor;

	private final CallWatchdog callWatchdog;

	private final ConfigBinder configBinder;

	Setup(RuntimeSettings settings, RuntimeObserver observer, java.util.function.Function<String, SymbolState> states,
			ExecutorService executor, CallWatchdog callWatchdog, ConfigBinder configBinder) {
		this.settings = settings;
		this.observer = observer;
		this.states = states;
		this.executor = executor;
		this.callWatchdog = callWatchdog;
		this.configBinder = configBinder;
	}

	RuntimeSettings settings() {
		return this.settings;
	}

	RuntimeObserver observer() {
		return this.observer;
	}

	/** Times calls into user code on the data path, for at most the function timeout. */
	CallWatchdog callWatchdog() {
		return this.callWatchdog;
	}

	SymbolState state(PluginType type, String symbol) {
		return this.states.apply(SymbolState.key(type, symbol));
	}

	/**
	 * Binds a symbol's configuration to its configuration type.
	 * @param what names the symbol in the error, e.g. {@code source 'sensor'}
	 * @param config the host's properties
	 * @param type the configuration type, or {@code null} for the map itself
	 * @param secrets masked in the error before any value is shortened
	 * @return the bound value
	 * @throws StartException {@code source 'sensor': property 'period' = 'fast': expected …}
	 */
	Object bind(String what, Map<String, Object> config, Class<?> type, Secrets secrets) throws StartException {
		if (type == null) {
			return config;
		}
		try {
			return this.configBinder.bind(config, type);
		}
		catch (ConfigBindingException ex) {
			throw new StartException(what + ": " + ex.detail(secrets::redact));
		}
		catch (RuntimeException ex) {
			// A binder that breaks its contract still fails only this rule.
			throw new StartException(what + ": " + Texts.clip(secrets.redact(Texts.describe(ex))));
		}
	}

	/**
	 * Runs a step on the set-up thread, waiting at most the set-up timeout.
	 * @param what names the step in errors, e.g. {@code source 'x' configure}
	 * @param secrets masked in the step's failure before it is shortened
	 * @param step the user code
	 * @throws StartException with the step's failure, or if it timed out
	 */
	void run(String what, Secrets secrets, Step step) throws StartException {
		Future<?> future = this.executor.submit(() -> {
			step.run();
			return null;
		});
		try {
			future.get(this.settings.setupTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new StartException("Timed out: " + what + " took longer than "
					+ this.settings.setupTimeout().toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			String failure = Texts.clip(secrets.redact(Texts.describe(ex.getCause())));
			// A cause whose message holds a secret is not kept.
			throw new StartException("Failed: " + what + ": " + failure, secrets.isEmpty() ? ex.getCause() : null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StartException("Interrupted: " + what);
		}
	}

}
