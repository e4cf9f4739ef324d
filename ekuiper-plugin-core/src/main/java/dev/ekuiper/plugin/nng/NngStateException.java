package dev.ekuiper.plugin.nng;

/**
 * The operation is not allowed in the socket's protocol state, such as a REP reply with
 * no request received, or a REQ receive with no request sent (libnng's
 * {@code NNG_ESTATE}).
 */
public final class NngStateException extends NngException {

	/**
	 * Creates an exception.
	 * @param message what the state forbids
	 */
	public NngStateException(String message) {
		super(message);
	}

}
