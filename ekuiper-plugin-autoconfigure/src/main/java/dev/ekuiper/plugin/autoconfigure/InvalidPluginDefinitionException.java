package dev.ekuiper.plugin.autoconfigure;

/**
 * The application's symbol beans do not make a valid plugin; reported at start-up with
 * what to change.
 */
public class InvalidPluginDefinitionException extends RuntimeException {

	/** What to change. */
	private final String action;

	/**
	 * Creates an exception.
	 * @param problem what is wrong
	 * @param action what to change
	 */
	public InvalidPluginDefinitionException(String problem, String action) {
		super(problem);
		this.action = action;
	}

	/**
	 * Returns what to change.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
