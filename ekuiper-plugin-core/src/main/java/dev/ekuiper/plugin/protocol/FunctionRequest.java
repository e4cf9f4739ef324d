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

import java.util.Collections;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A call on a function channel: {@code {"func":"Validate"|"IsAggregate"|"Exec","arg":…}}.
 * For {@code Exec}, the last argument is the calling context as a JSON text and is split
 * off into {@link #context()}.
 *
 * @param kind which call
 * @param args the arguments (without the context for Exec)
 * @param context the calling rule for Exec, otherwise {@link SymbolMeta#NONE}
 * @param funcId the call site id for Exec, otherwise 0
 */
public record FunctionRequest(Kind kind, List<Object> args, SymbolMeta context, int funcId) {

	/** The calls a host makes. */
	public enum Kind {

		/** Checks the argument syntax nodes. */
		VALIDATE,

		/** Asks whether the function aggregates. */
		IS_AGGREGATE,

		/** Computes a result. */
		EXEC

	}

	/** The context of the last Exec parsed: a rule's calls all carry the same text. */
	private static volatile ParsedContext lastContext;

	/**
	 * Parses a request.
	 * @param bytes the message from the host
	 * @return the request
	 * @throws ProtocolException if it is not a well-formed request
	 */
	public static FunctionRequest parse(byte[] bytes) throws ProtocolException {
		Object root = null;
		if (!isBlank(bytes)) {
			try {
				// Straight to maps and lists: a tree converted afterwards cost four times
				// as much.
				root = Json.mapper().readValue(bytes, Object.class);
			}
			catch (JacksonException ex) {
				throw new ProtocolException(
						"Function request is not valid JSON: " + Texts.clip(ex.getOriginalMessage()));
			}
		}
		if (!(root instanceof Map<?, ?> request) || !(request.get("func") instanceof String func)) {
			throw new ProtocolException("Function request needs a string 'func'");
		}
		Object arg = request.get("arg");
		switch (func) {
			case "IsAggregate":
				return new FunctionRequest(Kind.IS_AGGREGATE, Collections.emptyList(), SymbolMeta.NONE, 0);
			case "Validate":
				return new FunctionRequest(Kind.VALIDATE, arguments(arg, "Validate"), SymbolMeta.NONE, 0);
			case "Exec":
				return exec(arguments(arg, "Exec"));
			default:
				throw new ProtocolException(
						"Invalid func '" + Texts.clip(func) + "': expected Validate, IsAggregate or Exec");
		}
	}

	private static FunctionRequest exec(List<Object> all) throws ProtocolException {
		if (all.isEmpty() || !(all.get(all.size() - 1) instanceof String contextText)) {
			throw new ProtocolException("Exec arg must end with the context as a JSON text");
		}
		ParsedContext context = lastContext;
		if (context == null || !context.text().equals(contextText)) {
			context = ParsedContext.parse(contextText);
			lastContext = context;
		}
		return new FunctionRequest(Kind.EXEC, all.subList(0, all.size() - 1), context.meta(), context.funcId());
	}

	@SuppressWarnings("unchecked")
	private static List<Object> arguments(Object arg, String func) throws ProtocolException {
		if (arg == null) {
			return Collections.emptyList();
		}
		if (!(arg instanceof List)) {
			throw new ProtocolException(func + " arg must be an array");
		}
		return (List<Object>) arg;
	}

	private static boolean isBlank(byte[] bytes) {
		for (byte b : bytes) {
			if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
				return false;
			}
		}
		return true;
	}

	/** An Exec context text and what it says. */
	private record ParsedContext(String text, SymbolMeta meta, int funcId) {

		static ParsedContext parse(String text) throws ProtocolException {
			JsonNode context;
			try {
				context = Json.mapper().readTree(text);
			}
			catch (JacksonException ex) {
				throw new ProtocolException("Exec context is not valid JSON: " + Texts.clip(ex.getOriginalMessage()));
			}
			if (context == null || !context.isObject()) {
				throw new ProtocolException("Exec context must be a JSON object");
			}
			SymbolMeta meta = new SymbolMeta(context.path("ruleId").asString(""), context.path("opId").asString(""),
					context.path("instanceId").asInt(0));
			return new ParsedContext(text, meta, context.path("funcId").asInt(0));
		}

	}

}
