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

import tools.jackson.databind.JsonNode;

/**
 * A function's reply as eKuiper decodes it, with numbers in {@code result} as
 * {@link Double}.
 *
 * @param state whether the call succeeded
 * @param result the result, or with {@code state} false the error text
 */
public record FunctionResult(boolean state, Object result) {

	/**
	 * Returns whether eKuiper treats this reply as an error: {@code state} false with a
	 * non-null result. {@code state} false with a null result is a null value, no error.
	 * @return {@code true} for an error reply
	 */
	public boolean isError() {
		return !this.state && this.result != null;
	}

	/**
	 * Decodes a reply into eKuiper's {@code FuncReply}.
	 * @throws HostException with eKuiper's text if it does not decode
	 */
	static FunctionResult decode(byte[] raw) {
		try {
			JsonNode root = GoJson.parse(raw);
			if (root.isNull()) {
				return new FunctionResult(false, null);
			}
			if (!root.isObject()) {
				throw new GoJson.InvalidJsonException(GoJson.valueTypeError(root, "runtime.FuncReply"));
			}
			boolean state = false;
			for (JsonNode value : GoJson.fieldValues(root, "state")) {
				if (value.isBoolean()) {
					state = value.booleanValue();
				}
				else if (!value.isNull()) {
					throw new GoJson.InvalidJsonException(GoJson.fieldTypeError(value, "FuncReply.state", "bool"));
				}
			}
			Object result = null;
			for (JsonNode value : GoJson.fieldValues(root, "result")) {
				result = GoJson.value(value);
			}
			return new FunctionResult(state, result);
		}
		catch (GoJson.InvalidJsonException ex) {
			throw new HostException(
					"Failed to unmarshal function result " + ReversedChannel.text(raw) + ": " + ex.getMessage(), ex);
		}
	}

}
