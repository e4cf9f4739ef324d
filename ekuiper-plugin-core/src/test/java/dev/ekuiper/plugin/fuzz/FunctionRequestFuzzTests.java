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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ekuiper.plugin.protocol.FunctionReply;
import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.ProtocolException;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FunctionRequest#parse} on any bytes: a request whose parts are all there, or a
 * {@link ProtocolException} whose message is a safe error reply; and a reply echoing the
 * parsed arguments always encodes.
 *
 * <p>
 * Input layout: byte 0 picks how the rest is used: as the whole request, as the
 * {@code Exec} context text, or spliced in as the {@code arg} of a {@code Validate} or
 * {@code Exec} request.
 */
class FunctionRequestFuzzTests {

	@FuzzTest(maxDuration = "5m")
	void anyBytesAreACompleteRequestOrASafeError(byte[] input) {
		if (input.length == 0) {
			return;
		}
		byte[] rest = Arrays.copyOfRange(input, 1, input.length);
		byte[] request = switch (input[0] & 3) {
			case 1 -> Json.mapper()
				.writeValueAsBytes(new Request("Exec", List.of("value", new String(rest, StandardCharsets.UTF_8))));
			case 2 -> splice("{\"func\":\"Exec\",\"arg\":", rest, "}");
			case 3 -> splice("{\"func\":\"Validate\",\"arg\":", rest, "}");
			default -> rest;
		};
		FunctionRequest parsed;
		try {
			parsed = FunctionRequest.parse(request);
		}
		catch (ProtocolException ex) {
			FuzzChecks.assertSafeError(ex.getMessage());
			return;
		}
		assertThat(parsed.kind()).isNotNull();
		assertThat(parsed.args()).isNotNull();
		SymbolMeta context = parsed.context();
		assertThat(context).isNotNull();
		assertThat(context.ruleId()).isNotNull();
		assertThat(context.opId()).isNotNull();
		JsonNode reply = Json.mapper().readTree(FunctionReply.success(parsed.args()));
		assertThat(reply.get("state")).isNotNull();
		if (!reply.get("state").booleanValue()) {
			FuzzChecks.assertSafeError(reply.get("result").stringValue());
		}
	}

	private static byte[] splice(String before, byte[] middle, String after) {
		byte[] head = before.getBytes(StandardCharsets.UTF_8);
		byte[] tail = after.getBytes(StandardCharsets.UTF_8);
		byte[] all = Arrays.copyOf(head, head.length + middle.length + tail.length);
		System.arraycopy(middle, 0, all, head.length, middle.length);
		System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
		return all;
	}

	/** A request as eKuiper writes it. */
	record Request(String func, Object arg) {
	}

}
