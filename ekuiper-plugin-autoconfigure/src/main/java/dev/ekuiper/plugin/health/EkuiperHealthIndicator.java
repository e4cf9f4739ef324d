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
package dev.ekuiper.plugin.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.SymbolFault;
import dev.ekuiper.plugin.runtime.SymbolStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The plugin's health as eKuiper cannot show it. UP while the control channel to eKuiper
 * is connected and no running symbol is faulty; DOWN when the channel is down or while a
 * function call or a sink's collect is stuck past its timeout, a channel's peer has been
 * gone longer than the limit, or a source has been quiet longer than its limit (each
 * fault names the symbol and the rule); OUT_OF_SERVICE while a JVM that replaced one that
 * died restores the running rules. Details list the faults, the JVM's restarts, and each
 * symbol's running instances and last error, by kind.
 */
public class EkuiperHealthIndicator extends AbstractHealthIndicator {

	private final PluginRuntime runtime;

	private final Duration peerGoneAfter;

	private final Duration sourceIdleAfter;

	/**
	 * Creates an indicator with the default limits: a peer may be gone for 30 s, a source
	 * may be quiet for ever.
	 * @param runtime the runtime to report on
	 */
	public EkuiperHealthIndicator(PluginRuntime runtime) {
		this(runtime, Duration.ofSeconds(30), Duration.ZERO);
	}

	/**
	 * Creates an indicator.
	 * @param runtime the runtime to report on
	 * @param peerGoneAfter how long a channel's peer may be gone
	 * @param sourceIdleAfter how long a source may emit nothing, {@link Duration#ZERO}
	 * for no limit
	 */
	public EkuiperHealthIndicator(PluginRuntime runtime, Duration peerGoneAfter, Duration sourceIdleAfter) {
		super("eKuiper plugin health check failed");
		this.runtime = runtime;
		this.peerGoneAfter = peerGoneAfter;
		this.sourceIdleAfter = sourceIdleAfter;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("plugin", this.runtime.definition().name());
		List<SymbolFault> faults = this.runtime.faults(this.peerGoneAfter, this.sourceIdleAfter);
		if (!this.runtime.isRunning()) {
			builder.down().withDetail("reason", "plugin runtime is not running");
		}
		else if (!this.runtime.isConnected()) {
			builder.down().withDetail("reason", "control channel to eKuiper is not connected");
		}
		else if (this.runtime.isRestoring()) {
			builder.outOfService().withDetail("reason", "restoring the rules of a JVM that died");
		}
		else if (!faults.isEmpty()) {
			builder.down().withDetail("reason", faults.size() + " faulty symbol instance(s)");
		}
		else {
			builder.up();
		}
		if (!faults.isEmpty()) {
			builder.withDetail("faults", faults.stream().map(EkuiperHealthIndicator::describe).toList());
		}
		if (this.runtime.restarts() > 0) {
			builder.withDetail("restarts", this.runtime.restarts());
		}
		// Grouped by kind: a source and a sink may share a name.
		Map<String, Map<String, Object>> symbols = new LinkedHashMap<>();
		for (SymbolStatus status : this.runtime.status()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("running", status.running());
			if (status.lastError() != null) {
				detail.put("lastError", status.lastError());
			}
			symbols.computeIfAbsent(status.type().wireName(), (kind) -> new LinkedHashMap<>())
				.put(status.name(), detail);
		}
		builder.withDetail("symbols", symbols);
	}

	private static Map<String, Object> describe(SymbolFault fault) {
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("type", fault.type().wireName());
		detail.put("symbol", fault.symbol());
		if (!fault.ruleId().isEmpty()) {
			detail.put("rule", fault.ruleId());
		}
		detail.put("problem", fault.problem());
		detail.put("for", fault.age().toMillis() + " ms");
		return detail;
	}

}
