package dev.ekuiper.plugin.test;

/**
 * The plugin answered a control command with something other than {@code ok}; the message
 * is eKuiper's {@code receive error: <answer>}.
 */
public class HostCommandException extends HostException {

	/** The plugin's exact answer text. */
	private final String answer;

	/**
	 * Creates an exception for an answer.
	 * @param answer the plugin's exact answer text
	 */
	public HostCommandException(String answer) {
		super("receive error: " + answer);
		this.answer = answer;
	}

	/**
	 * Returns the plugin's exact answer.
	 * @return the answer text
	 */
	public String answer() {
		return this.answer;
	}

}
