package dev.ekuiper.plugin.nng;

/**
 * An address could not be used: malformed URL, unsupported scheme, ipc path too long,
 * address already in use, or nothing listening for a synchronous dial.
 */
public final class NngAddressException extends NngException {

	/**
	 * Creates an exception.
	 * @param message what is wrong with the address, naming it
	 */
	public NngAddressException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what is wrong with the address, naming it
	 * @param cause the underlying failure
	 */
	public NngAddressException(String message, Throwable cause) {
		super(message, cause);
	}

}
