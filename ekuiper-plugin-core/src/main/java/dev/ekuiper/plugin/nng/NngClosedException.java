package dev.ekuiper.plugin.nng;

/**
 * The socket was closed before or during the operation.
 */
public final class NngClosedException extends NngException {

	/**
	 * Creates an exception.
	 * @param message what was closed
	 */
	public NngClosedException(String message) {
		super(message);
	}

}
