package dev.ekuiper.plugin.test;

/**
 * The plugin did not answer, reply, acknowledge or take a message within the host's
 * timeout.
 */
public class HostTimeoutException extends HostException {

	/**
	 * Creates an exception.
	 * @param message what timed out
	 * @param cause the underlying timeout
	 */
	public HostTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

}
