package dev.ekuiper.plugin.maven;

/**
 * A plugin cannot be packaged; the message says what is wrong and what to change.
 */
public class PackagingException extends Exception {

	/**
	 * Creates an exception.
	 * @param message what is wrong
	 */
	public PackagingException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what is wrong
	 * @param cause the cause
	 */
	public PackagingException(String message, Throwable cause) {
		super(message, cause);
	}

}
