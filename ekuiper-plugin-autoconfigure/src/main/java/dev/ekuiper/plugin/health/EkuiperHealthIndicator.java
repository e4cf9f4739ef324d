package dev.ekuiper.plugin.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.SymbolStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP while the plugin's control channel to eKuiper is connected; DOWN with the reason
 * otherwise. Details list each symbol's running instances and last error, by kind.
 */
public class EkuiperHealthIndicator extends AbstractHealthIndicator {

	private final PluginRuntime runtime;

	/**
	 * Creates an indicator.
	 * @param runtime the runtime to report on
	 */
	public EkuiperHealthIndicator(PluginRuntime runtime) {
		super("eKuiper plugin health check failed");
		this.runtime = runtime;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("plugin", this.runtime.definition().name());
		if (!this.runtime.isRunning()) {
			builder.down().withDetail("reason", "plugin runtime is not running");
		}
		else if (!this.runtime.isConnected()) {
			builder.down().withDetail("reason", "control channel to eKuiper is not connected");
		}
		else {
			builder.up();
		}
		// Grouped by kind: a source and a sink may share a name.
		Map<String, Map<String, Object>> symbols = new LinkedHashMap<>();
		for (SymbolStatus status : this.runtime.status()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("running", status.running());
			if (status.lastError() != null) {
				detail.put("lastError", status.lastError());
			}
			symbols.computeIfAbsent(status.type().wireName(), (kind) -> new LinkedHashMap<>()).put(status.name(), detail);
		}
		builder.withDetail("symbols", symbols);
	}

}
