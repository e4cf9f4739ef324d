package dev.ekuiper.plugin.runtime;

/**
 * A started source or sink serving one rule operator.
 */
interface SymbolInstance {

	/**
	 * Stops the instance: no more data, the user symbol closed, sockets closed and their
	 * files removed. Waits at most the runtime's stop timeout; what is left finishes in
	 * the background.
	 */
	void stop();

	/**
	 * Adds what is wrong with the instance to a health check.
	 * @param check the check
	 */
	void checkHealth(HealthCheck check);

}
