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

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code arg} of a start or stop command, and the commands themselves as eKuiper
 * encodes them: {@code {"cmd":"start","arg":"<this as JSON text>"}}.
 */
@JsonPropertyOrder({ "symbolName", "meta", "pluginType", "config" })
record Control(String symbolName, Meta meta, String pluginType,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> config) {

	static Control source(String symbol, Meta meta, Map<String, Object> config) {
		return new Control(symbol, meta, "source", config);
	}

	static Control sink(String symbol, Meta meta, Map<String, Object> config) {
		return new Control(symbol, meta, "sink", config);
	}

	static Control function(String symbol) {
		return new Control(symbol, Meta.EMPTY, "func", null);
	}

	/** Names this start in replay results: its data socket, or {@code func_<symbol>}. */
	String key() {
		return "func".equals(this.pluginType) ? "func_" + this.symbolName : this.meta.socketName();
	}

	/**
	 * Returns the key eKuiper records this start under: the meta alone. Every function
	 * has the empty meta, so only the function started last is replayed, as in eKuiper.
	 */
	String recordKey() {
		return this.meta.socketName();
	}

	byte[] startCommand() {
		return command("start");
	}

	byte[] stopCommand() {
		return command("stop");
	}

	private byte[] command(String cmd) {
		return GoJson.encode(new Command(cmd, GoJson.encodeText(this)));
	}

	/** A control command: the verb and the control as JSON text. */
	@JsonPropertyOrder({ "cmd", "arg" })
	record Command(String cmd, String arg) {
	}

}
