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

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * A function channel's answer: {@code {"state":true,"result":…}} or, for an error,
 * {@code {"state":false,"result":"<message>"}}.
 */
public final class FunctionReply {

	private FunctionReply() {
	}

	/**
	 * Encodes a successful result.
	 * @param result any JSON-serialisable value
	 * @return the reply bytes, or an error reply if the result cannot be serialised
	 */
	public static byte[] success(Object result) {
		try {
			return reply(true, result);
		}
		catch (JacksonException ex) {
			return error("Result cannot be encoded as JSON: " + Texts.clip(ex.getOriginalMessage()));
		}
	}

	/**
	 * Encodes an error.
	 * @param message the error text
	 * @return the reply bytes
	 */
	public static byte[] error(String message) {
		return reply(false, Texts.safeError(message));
	}

	private static byte[] reply(boolean state, Object result) {
		Json.Encoder encoder = Json.encoder();
		try {
			JsonGenerator generator = encoder.generator();
			generator.writeStartObject();
			generator.writeBooleanProperty("state", state);
			generator.writeName("result");
			generator.writePOJO(result);
			generator.writeEndObject();
			return encoder.finish();
		}
		catch (RuntimeException ex) {
			encoder.abandon();
			throw ex;
		}
	}

}
