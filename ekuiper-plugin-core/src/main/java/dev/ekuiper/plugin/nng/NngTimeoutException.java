package dev.ekuiper.plugin.nng;

/**
 * A send or receive did not complete within the socket's timeout. Nothing was sent or
 * received; the socket is still usable.
 */
public final class NngTimeoutException extends NngException {

	/**
	 * Creates an exception.
	 * @param message which operation timed out and after how long
	 */
	public NngTimeoutException(String message) {
		super(message);
	}

}
