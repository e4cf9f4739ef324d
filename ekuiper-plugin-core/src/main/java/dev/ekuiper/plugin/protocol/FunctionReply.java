package dev.ekuiper.plugin.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;

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
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("state", true);
		reply.put("result", result);
		try {
			return Json.mapper().writeValueAsBytes(reply);
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
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("state", false);
		reply.put("result", Texts.safeError(message));
		return Json.mapper().writeValueAsBytes(reply);
	}

}
