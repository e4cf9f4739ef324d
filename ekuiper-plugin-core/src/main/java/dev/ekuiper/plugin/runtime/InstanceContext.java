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
package dev.ekuiper.plugin.runtime;

import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.SymbolContext;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of every context that names the symbol and its rule operator.
 */
class InstanceContext implements SymbolContext {

	private final String symbolName;

	private final SymbolMeta meta;

	private final Logger logger;

	InstanceContext(String symbolName, SymbolMeta meta) {
		this.symbolName = symbolName;
		this.meta = meta;
		this.logger = LoggerFactory.getLogger("ekuiper.plugin.symbol." + symbolName);
	}

	@Override
	public String symbolName() {
		return this.symbolName;
	}

	@Override
	public String ruleId() {
		return this.meta.ruleId();
	}

	@Override
	public String opId() {
		return this.meta.opId();
	}

	@Override
	public int instanceId() {
		return this.meta.instanceId();
	}

	@Override
	public Logger logger() {
		return this.logger;
	}

	SymbolMeta meta() {
		return this.meta;
	}

	/** The context of one function call. */
	static final class Call extends InstanceContext implements FunctionContext {

		private final int funcId;

		Call(String symbolName, SymbolMeta meta, int funcId) {
			super(symbolName, meta);
			this.funcId = funcId;
		}

		@Override
		public int funcId() {
			return this.funcId;
		}

	}

}
