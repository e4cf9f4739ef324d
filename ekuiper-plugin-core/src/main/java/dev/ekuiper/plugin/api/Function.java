package dev.ekuiper.plugin.api;

import java.util.List;

/**
 * A function callable from a rule's SQL by its symbol name. One instance serves every rule
 * for the plugin process's life, and eKuiper calls it strictly one call at a time.
 */
@FunctionalInterface
public interface Function {

	/**
	 * Computes the result. Arguments arrive as eKuiper encodes them in JSON: numbers as
	 * {@code Double} or {@code Long}, strings, booleans, {@code null}, lists and maps; for an
	 * aggregate function each argument is a list with one value per row of the group.
	 * @param args the evaluated arguments
	 * @param context the calling rule
	 * @return a JSON-serialisable result
	 * @throws Exception on failure; its message becomes the SQL error
	 */
	Object exec(List<Object> args, FunctionContext context) throws Exception;

	/**
	 * Checks the arguments when a rule's SQL is validated. eKuiper sends the parser's
	 * syntax nodes, so only their number is reliable.
	 * @param args the argument syntax nodes
	 * @throws Exception to reject the SQL with the exception's message
	 */
	default void validate(List<Object> args) throws Exception {
	}

	/**
	 * Returns whether this is an aggregate function (called once per group with lists).
	 * @return {@code false} by default
	 */
	default boolean isAggregate() {
		return false;
	}

}
