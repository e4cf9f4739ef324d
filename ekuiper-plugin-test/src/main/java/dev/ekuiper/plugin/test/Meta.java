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
