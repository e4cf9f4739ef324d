package dev.ekuiper.plugin.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * A function channel's answer: {@code {"state":true,"result":…}} or, for an error,
 * {@code {"state":false,"result":"<message>"}}.
 */
public final class FunctionReply {

	private FunctionReply() {
	}

	/**
	 * Encodes a successful result.
	 * @param result any JSON-serialisable value
	 * @return the reply bytes, or an error reply if the result cannot be serialised
	 */
	public static byte[] success(Object result) {
		try {
			return reply(true, result);
		}
		catch (JacksonException ex) {
			return error("Result cannot be encoded as JSON: " + Texts.clip(ex.getOriginalMessage()));
		}
	}

	/**
	 * Encodes an error.
	 * @param message the error text
	 * @return the reply bytes
	 */
	public static byte[] error(String message) {
		return reply(false, Texts.safeError(message));
	}

	private static byte[] reply(boolean state, Object result) {
		Json.Encoder encoder = Json.encoder();
		try {
			JsonGenerator generator = encoder.generator();
			generator.writeStartObject();
			generator.writeBooleanProperty("state", state);
			generator.writeName("result");
			generator.writePOJO(result);
			generator.writeEndObject();
			return encoder.finish();
		}
		catch (RuntimeException ex) {
			encoder.abandon();
			throw ex;
		}
	}

}
