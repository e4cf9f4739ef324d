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
package dev.ekuiper.plugin.fuzz;

import dev.ekuiper.plugin.protocol.FunctionReply;
import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.SinkAck;
import dev.ekuiper.plugin.protocol.Texts;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every error text sent to the host must be, whatever the input.
 */
final class FuzzChecks {

	/**
	 * Longer than any error text the runtime writes: fixed words plus quoted values cut
	 * to 64 characters.
	 */
	static final int MAX_ERROR_LENGTH = 400;

	private FuzzChecks() {
	}

	/**
	 * Checks an error text as the runtime sends it: not empty, not starting with
	 * {@code h} (the host would resend forever), one line, short, no stack trace, and
	 * encodable in a function reply and a sink ack.
	 * @param message the error message before {@link Texts#safeError}
	 */
	static void assertSafeError(String message) {
		String answer = Texts.safeError(message);
		assertThat(answer).isNotEmpty().doesNotStartWith("h").doesNotContain("\n", "\r", "\tat ", "Exception:");
		assertThat(answer.length()).isLessThanOrEqualTo(MAX_ERROR_LENGTH);
		JsonNode reply = Json.mapper().readTree(FunctionReply.error(message));
		assertThat(reply.get("state").booleanValue()).isFalse();
		assertThat(reply.get("result").isString()).isTrue();
		JsonNode ack = Json.mapper().readTree(SinkAck.error(message));
		assertThat(ack.get("error").stringValue()).isNotEmpty();
	}

}
