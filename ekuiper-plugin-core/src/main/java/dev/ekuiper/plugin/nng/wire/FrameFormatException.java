package dev.ekuiper.plugin.nng.wire;

/**
 * The peer sent bytes that break the SP wire format. The connection that carried them
 * cannot be trusted any more and must be closed; other connections are unaffected.
 */
public final class FrameFormatException extends Exception {

	/**
	 * Creates an exception with a message that says what was wrong with the bytes.
	 * @param message what was wrong, for a log line
	 */
	public FrameFormatException(String message) {
		super(message);
	}

}
