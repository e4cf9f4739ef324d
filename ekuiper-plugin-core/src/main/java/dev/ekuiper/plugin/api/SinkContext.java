package dev.ekuiper.plugin.api;

/**
 * The context of a running sink.
 */
public interface SinkContext extends SymbolContext {

	/**
	 * Returns whether the rule action asked for acknowledgements.
	 * @return the action's {@code requireAck}
	 */
	boolean requireAck();

}
