package dev.ekuiper.plugin.runtime;

import java.util.Map;
import java.util.stream.Collectors;

import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.Texts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

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
	 * @throws StartException naming the property that could not be bound, with any secret
	 * value masked
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
			throw new StartException("Invalid config for " + what
					+ (property.isEmpty() ? "" : ": property '" + property + "'") + ": "
					+ detail(ex, Secrets.of(config, type)));
		}
		catch (IllegalArgumentException ex) {
			throw new StartException("Invalid config for " + what + ": "
					+ Texts.clip(Secrets.of(config, type).redact(Texts.describe(ex))));
		}
	}

	/**
	 * Says what is wrong with the value in a few words: Jackson's own messages are long
	 * and would be cut before they show the value. Secret values are masked before any
	 * text is cut, so no part of one shows.
	 */
	private static String detail(JacksonException ex, Secrets secrets) {
		if (ex instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
			Object value = invalid.getValue();
			String text = Texts.clip(secrets.redact(String.valueOf(value)));
			String shown = (value instanceof String) ? "'" + text + "'" : text;
			return shown + " is not a valid " + invalid.getTargetType().getSimpleName();
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return "cannot be read as " + mismatch.getTargetType().getSimpleName();
		}
		Throwable cause = ex.getCause();
		if (cause != null && !(cause instanceof JacksonException)) {
			// Thrown by the configuration type itself, e.g. a record's compact constructor.
			return Texts.clip(secrets.redact(Texts.describe(cause)));
		}
		return Texts.clip(secrets.redact(ex.getOriginalMessage()));
	}

}
