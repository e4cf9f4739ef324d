package dev.ekuiper.plugin.api;

/**
 * The rule calling a function.
 */
public interface FunctionContext extends SymbolContext {

	/**
	 * Returns the id eKuiper gives this call site of the function within the rule.
	 * @return the function id
	 */
	int funcId();

}
