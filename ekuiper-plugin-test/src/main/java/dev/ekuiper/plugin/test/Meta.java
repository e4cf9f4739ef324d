package dev.ekuiper.plugin.test;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The meta eKuiper puts in every control command: which rule, operator and instance a
 * symbol belongs to. Functions get the empty meta.
 */
@JsonPropertyOrder({ "ruleId", "opId", "instanceId" })
record Meta(String ruleId, String opId, int instanceId) {

	static final Meta EMPTY = new Meta("", "", 0);

	/**
	 * Returns {@code <ruleId>_<opId>_<instanceId>}, the stem of the data socket names.
	 */
	String socketName() {
		return this.ruleId + "_" + this.opId + "_" + this.instanceId;
	}

}
