/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
