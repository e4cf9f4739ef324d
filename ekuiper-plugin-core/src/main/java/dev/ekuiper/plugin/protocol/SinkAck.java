package dev.ekuiper.plugin.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A sink's acknowledgement: {@code {}} when the message was handled,
 * {@code {"error":"…"}} when it was not.
 */
public final class SinkAck {

	private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);

	private SinkAck() {
	}

	/**
	 * Returns the success ack.
	 * @return {@code {}}
	 */
	public static byte[] ok() {
		return OK.clone();
	}

	/**
	 * Encodes a failure ack.
	 * @param error what failed; never empty, since an empty error means success
	 * @return the ack bytes
	 */
	public static byte[] error(String error) {
		return Json.mapper().writeValueAsBytes(Map.of("error", Texts.safeError(error)));
	}

}
