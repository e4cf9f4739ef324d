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

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ekuiper.plugin.protocol.Json;

/**
 * Control commands written by hand, for inputs the embedded host would never send: the
 * {@code arg} document is encoded as JSON text inside the command, as eKuiper does.
 */
public final class Commands {

	private Commands() {
	}

	/**
	 * Returns a command with the given {@code arg} document.
	 * @param cmd {@code start}, {@code stop} or anything else
	 * @param arg the document carried as text in {@code arg}
	 * @return the command text
	 */
	public static String command(String cmd, Map<String, ?> arg) {
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("cmd", cmd);
		command.put("arg", Json.mapper().writeValueAsString(arg));
		return Json.mapper().writeValueAsString(command);
	}

	/**
	 * Returns a start or stop command as eKuiper writes it.
	 * @param cmd {@code start} or {@code stop}
	 * @param pluginType {@code source}, {@code sink} or {@code func}
	 * @param symbol the symbol
	 * @param ruleId the rule id
	 * @param opId the operator id
	 * @param config the config, or {@code null} to leave it out
	 * @return the command text
	 */
	public static String command(String cmd, String pluginType, String symbol, String ruleId, String opId,
			Map<String, ?> config) {
		return command(cmd, arg(pluginType, symbol, ruleId, opId, config));
	}

	/**
	 * Returns the {@code arg} document of a command.
	 * @param pluginType {@code source}, {@code sink} or {@code func}
	 * @param symbol the symbol
	 * @param ruleId the rule id
	 * @param opId the operator id
	 * @param config the config, or {@code null} to leave it out
	 * @return the document, to be changed further by the caller
	 */
	public static Map<String, Object> arg(String pluginType, String symbol, String ruleId, String opId,
			Map<String, ?> config) {
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("ruleId", ruleId);
		meta.put("opId", opId);
		meta.put("instanceId", 0);
		Map<String, Object> arg = new LinkedHashMap<>();
		arg.put("symbolName", symbol);
		arg.put("meta", meta);
		arg.put("pluginType", pluginType);
		if (config != null) {
			arg.put("config", config);
		}
		return arg;
	}

}
