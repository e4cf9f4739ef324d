package dev.ekuiper.plugin.runtime;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
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
	 * Returns the configuration type of a symbol class.
	 * @param symbolClass the implementation class
	 * @param symbolInterface {@code Source.class} or {@code Sink.class}
	 * @return the bound type, or {@code null} to pass the raw map
	 */
	static Class<?> configType(Class<?> symbolClass, Class<?> symbolInterface) {
		for (Class<?> type = symbolClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Type candidate : type.getGenericInterfaces()) {
				if (candidate instanceof ParameterizedType parameterized && parameterized.getRawType() == symbolInterface) {
					Type argument = parameterized.getActualTypeArguments()[0];
					if (argument instanceof Class<?> bound && !Map.class.isAssignableFrom(bound)
							&& bound != Object.class) {
						return bound;
					}
					return null;
				}
			}
		}
		return null;
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
