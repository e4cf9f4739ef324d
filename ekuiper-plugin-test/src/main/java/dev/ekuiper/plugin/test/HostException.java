package dev.ekuiper.plugin.test;

/**
 * A failure of the embedded host to talk to the plugin; the message follows eKuiper's
 * wording where eKuiper has one.
 */
public class HostException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 */
	public HostException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public HostException(String message, Throwable cause) {
		super(message, cause);
	}

}
