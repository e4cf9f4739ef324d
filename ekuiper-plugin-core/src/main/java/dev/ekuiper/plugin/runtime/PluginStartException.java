package dev.ekuiper.plugin.runtime;

/**
 * The runtime could not start serving: a channel address is unusable (a plugin or
 * function name that cannot name a socket file, a path over the Unix limit) or a socket
 * could not be opened. Nothing is left half started.
 */
public class PluginStartException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what could not be started, and why
	 * @param cause the underlying failure
	 */
	public PluginStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
