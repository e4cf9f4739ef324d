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
package dev.ekuiper.plugin.api;

import org.slf4j.Logger;

/**
 * Where a symbol instance runs: the rule and operator eKuiper started it for.
 */
public interface SymbolContext {

	/**
	 * Returns the symbol name, as declared by the plugin.
	 * @return the symbol name
	 */
	String symbolName();

	/**
	 * Returns the id of the rule this instance serves; empty for a function's channel.
	 * @return the rule id
	 */
	String ruleId();

	/**
	 * Returns the operator id: the stream name for a source, {@code <sink>_<index>} for a
	 * sink.
	 * @return the operator id
	 */
	String opId();

	/**
	 * Returns the operator instance; always 0 in eKuiper 2.x.
	 * @return the instance id
	 */
	int instanceId();

	/**
	 * Returns a logger for this symbol; its lines go to eKuiper's log through the
	 * plugin's standard output.
	 * @return the logger
	 */
	Logger logger();

}
