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
 * What starting a symbol needs from the runtime, and a bounded way to run user set-up
 * code so a hanging {@code configure} or {@code open} cannot block the control channel.
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
	 * Binds a source's or sink's configuration to its configuration type.
	 * @param symbol names the symbol in errors, e.g. {@code source 'sensor'}
	 * @param ruleId the rule it starts for
	 * @param config the host's properties
	 * @param type the configuration type, or {@code null} for the map itself
	 * @param secrets masked in the error before any value is shortened
	 * @return the bound value
	 * @throws StartException worded as every start failure, with the binding's detail:
	 * {@code … config failed: property 'period' = 'fast': expected …}
	 */
	Object bind(String symbol, String ruleId, Map<String, Object> config, Class<?> type, Secrets secrets)
			throws StartException {
		if (type == null) {
			return config;
		}
		try {
			return this.configBinder.bind(config, type);
		}
		catch (ConfigBindingException ex) {
			throw StartException.failed(symbol, ruleId, "config", ex.detail(secrets::redact), null);
		}
		catch (RuntimeException ex) {
			// A binder that breaks its contract still fails only this rule.
			throw StartException.failed(symbol, ruleId, "config", Texts.clip(secrets.redact(Texts.typed(ex))),
					secrets.isEmpty() ? ex : null);
		}
	}

	/**
	 * Runs a step on the set-up thread, waiting at most the set-up timeout.
	 * @param symbol names the symbol in errors, e.g. {@code source 'x'}
	 * @param ruleId the rule it starts for
	 * @param step names the step, e.g. {@code configure}
	 * @param secrets masked in the step's failure before it is shortened
	 * @param code the user code
	 * @throws StartException with the step's failure, or if it timed out
	 */
	void run(String symbol, String ruleId, String step, Secrets secrets, Step code) throws StartException {
		Future<?> future = this.executor.submit(() -> {
			code.run();
			return null;
		});
		try {
			future.get(this.settings.setupTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw StartException.timedOut(symbol, ruleId, step, this.settings.setupTimeout().toMillis());
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			String failure = Texts.shorten(secrets.redact(Texts.typed(cause)));
			// A cause whose message holds a secret is not kept: its stack trace would
			// show it.
			throw StartException.failed(symbol, ruleId, step, failure, secrets.isEmpty() ? cause : null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw StartException.refused(symbol, ruleId, step + " interrupted");
		}
	}

}
