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

import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One message from a sink's ack channel as eKuiper reads it: {@code {}} or an empty
 * {@code error} is a success, a non-empty {@code error} is an IO error (retried if the
 * rule resends), anything that does not decode is a non-IO error.
 *
 * @param outcome what eKuiper makes of it
 * @param error the ack's error text, or Go's decode error for an unparseable ack; empty
 * for a success
 * @param raw the ack exactly as received
 */
public record Ack(Outcome outcome, String error, byte[] raw) {

	/**
	 * Returns whether the ack reports success.
	 * @return {@code true} for {@code {}} or an empty {@code error}
	 */
	public boolean isSuccess() {
		return this.outcome == Outcome.SUCCESS;
	}

	/**
	 * Returns the ack as text.
	 * @return the raw ack decoded as UTF-8
	 */
	public String rawText() {
		return new String(this.raw, StandardCharsets.UTF_8);
	}

	/** Decodes an ack into eKuiper's {@code ackResponse}. */
	static Ack decode(byte[] raw) {
		try {
			JsonNode root = GoJson.parse(raw);
			if (root.isNull()) {
				return new Ack(Outcome.SUCCESS, "", raw);
			}
			if (!root.isObject()) {
				return unparseable(raw, GoJson.valueTypeError(root, "runtime.ackResponse"));
			}
			String error = "";
			List<JsonNode> values = GoJson.fieldValues(root, "error");
			for (JsonNode value : values) {
				if (value.isString()) {
					error = value.stringValue();
				}
				else if (!value.isNull()) {
					return unparseable(raw, GoJson.fieldTypeError(value, "ackResponse.error", "string"));
				}
			}
			return error.isEmpty() ? new Ack(Outcome.SUCCESS, "", raw) : new Ack(Outcome.ERROR, error, raw);
		}
		catch (GoJson.InvalidJsonException ex) {
			return unparseable(raw, ex.getMessage());
		}
	}

	private static Ack unparseable(byte[] raw, String reason) {
		return new Ack(Outcome.UNPARSEABLE, reason, raw);
	}

	/**
	 * What eKuiper makes of an ack.
	 */
	public enum Outcome {

		/** The payload was handled. */
		SUCCESS,

		/**
		 * The sink reported an error: an IO error to eKuiper, resent if the rule resends.
		 */
		ERROR,

		/** The ack did not decode: a non-IO error to eKuiper, never resent. */
		UNPARSEABLE

	}

}
