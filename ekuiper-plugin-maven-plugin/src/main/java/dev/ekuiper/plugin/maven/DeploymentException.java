package dev.ekuiper.plugin.maven;

/**
 * A plugin cannot be installed into eKuiper; the message says what eKuiper answered, or
 * why it could not be asked, and what to change.
 */
public class DeploymentException extends Exception {

	/**
	 * Creates an exception.
	 * @param message what is wrong
	 */
	public DeploymentException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what is wrong
	 * @param cause the cause
	 */
	public DeploymentException(String message, Throwable cause) {
		super(message, cause);
	}

}
