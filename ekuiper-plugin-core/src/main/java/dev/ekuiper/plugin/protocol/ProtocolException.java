package dev.ekuiper.plugin.protocol;

/**
 * The host sent something this protocol does not accept. The message is short and safe to
 * send back to the host as an error answer.
 */
public final class ProtocolException extends Exception {

	/**
	 * Creates an exception.
	 * @param message what is wrong, for the host's error text
	 */
	public ProtocolException(String message) {
		super(message);
	}

}
