package dev.ekuiper.plugin.runtime;

/**
 * A start command could not be carried out; the message is the error answer for the host.
 */
final class StartException extends Exception {

	StartException(String message) {
		super(message);
	}

	StartException(String message, Throwable cause) {
		super(message, cause);
	}

}
