package dev.ekuiper.plugin.protocol;

/**
 * Which operator instance of which rule a command is for.
 *
 * @param ruleId the rule id; empty for functions
 * @param opId the operator id; empty for functions
 * @param instanceId the instance, always 0 in eKuiper 2.x
 */
public record SymbolMeta(String ruleId, String opId, int instanceId) {

	/** The empty meta eKuiper sends for functions. */
	public static final SymbolMeta NONE = new SymbolMeta("", "", 0);

	/**
	 * Returns the key eKuiper uses for data sockets: {@code rule_op_instance}.
	 * @return the channel key
	 */
	public String channelKey() {
		return this.ruleId + "_" + this.opId + "_" + this.instanceId;
	}

}
