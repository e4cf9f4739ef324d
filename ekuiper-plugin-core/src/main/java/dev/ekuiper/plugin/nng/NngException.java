package dev.ekuiper.plugin.nng;

import java.io.IOException;

/**
 * A failed NNG socket operation. Subclasses name the cases callers act on: a timeout, a
 * closed socket, an operation not allowed in the socket's state, a bad address.
 */
public class NngException extends IOException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 */
	public NngException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public NngException(String message, Throwable cause) {
		super(message, cause);
	}

}
