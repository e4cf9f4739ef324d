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

	/**
	 * Takes over the acknowledgment of the message being collected: the runtime no longer
	 * acks it when {@link Sink#collect} returns, the sink answers it through the returned
	 * handle instead, later and from any thread. An exception thrown by {@code collect}
	 * after this call is still answered at once as an error. Calling it again during the
	 * same collect returns the same handle.
	 * @return the handle; one that does nothing when the action did not set
	 * {@code requireAck}
	 * @throws IllegalStateException when called outside {@code collect}'s thread or
	 * outside a collect
	 */
	Acknowledgment deferAck();

}
