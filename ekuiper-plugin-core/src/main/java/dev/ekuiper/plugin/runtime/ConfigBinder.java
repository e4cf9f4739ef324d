package dev.ekuiper.plugin.runtime;

import java.util.Map;
import java.util.stream.Collectors;

import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.Texts;
import tools.jackson.core.JacksonException;

/**
 * Binds the host's {@code config} map to the configuration type a source or sink declares
 * as its type argument ({@code Source<MyConfig>}); symbols without one (lambdas,
 * {@code Map}) get the map itself.
 */
final class ConfigBinder {

	private ConfigBinder() {
	}

	/**
	 * Binds the configuration.
	 * @param config the host's properties
	 * @param type the target type, or {@code null} for the map
	 * @param what names the symbol in the error, e.g. {@code source 'random'}
	 * @return the bound value
	 * @throws StartException naming the property that could not be bound
	 */
	static Object bind(Map<String, Object> config, Class<?> type, String what) throws StartException {
		if (type == null) {
			return config;
		}
		try {
			return Json.mapper().convertValue(config, type);
		}
		catch (JacksonException ex) {
			String property = ex.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."));
			String detail = Texts.clip(ex.getOriginalMessage());
			throw new StartException("Invalid config for " + what
					+ (property.isEmpty() ? "" : ": property '" + property + "'") + ": " + detail);
		}
		catch (IllegalArgumentException ex) {
			throw new StartException("Invalid config for " + what + ": " + Texts.clip(Texts.describe(ex)));
		}
	}

}
