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

import java.util.concurrent.atomic.AtomicInteger;

import dev.ekuiper.plugin.protocol.PluginType;

/**
 * The live state of one declared symbol: how many instances run and the last failure.
 */
final class SymbolState {

	private final PluginType type;

	private final String name;

	private final AtomicInteger running = new AtomicInteger();

	private volatile String lastError;

	SymbolState(PluginType type, String name) {
		this.type = type;
		this.name = name;
	}

	/**
	 * Returns the key of a symbol's state: a source, a sink and a function may share a
	 * name.
	 * @param type the kind
	 * @param name the symbol name
	 * @return {@code <kind>:<name>}
	 */
	static String key(PluginType type, String name) {
		return type.wireName() + ":" + name;
	}

	void started() {
		this.running.incrementAndGet();
	}

	void stopped() {
		this.running.decrementAndGet();
	}

	void failed(String error) {
		this.lastError = error;
	}

	SymbolStatus status() {
		return new SymbolStatus(this.type, this.name, this.running.get(), this.lastError);
	}

}
