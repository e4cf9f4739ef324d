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

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * What a source sends per record: {@code {"message":{…},"meta":{…}|null}}, and the
 * payload that reports an error.
 */
public final class SourceTuple {

	private SourceTuple() {
	}

	/**
	 * Encodes a record.
	 * @param message a map, record or bean that serialises as a JSON object
	 * @param meta metadata, or {@code null}
	 * @return the tuple bytes
	 * @throws IllegalArgumentException if the message does not serialise as a JSON object
	 */
	public static byte[] encode(Object message, Map<String, ?> meta) {
		try {
			if (!(message instanceof Map)) {
				JsonNode tree = Json.mapper().valueToTree(message);
				if (tree == null || !tree.isObject()) {
					throw new IllegalArgumentException("a source message must be a JSON object, not "
							+ ((tree == null) ? "null" : tree.getNodeType().name().toLowerCase(Locale.ROOT)));
				}
				message = tree;
			}
			Json.Encoder encoder = Json.encoder();
			try {
				JsonGenerator generator = encoder.generator();
				generator.writeStartObject();
				generator.writeName("message");
				generator.writePOJO(message);
				generator.writeName("meta");
				generator.writePOJO(meta);
				generator.writeEndObject();
				return encoder.finish();
			}
			catch (RuntimeException ex) {
				encoder.abandon();
				throw ex;
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("a source message cannot be encoded as JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * Encodes an error report. eKuiper counts a payload it cannot decode as a source
	 * error and shows its text; a JSON object without {@code message} would become an
	 * empty row instead, so the report is deliberately plain text.
	 * @param error the error text
	 * @return the payload
	 */
	public static byte[] error(String error) {
		return ("source error: " + error).getBytes(StandardCharsets.UTF_8);
	}

}
