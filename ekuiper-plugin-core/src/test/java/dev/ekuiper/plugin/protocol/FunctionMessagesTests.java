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
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FunctionRequest#parse} and {@link FunctionReply}: what a call carries,
 * the Exec context kept from one call to the next, and replies written with the thread's
 * reused generator.
 */
class FunctionMessagesTests {

	@Test
	void execCarriesItsArgumentsContextAndCallSite() throws ProtocolException {
		FunctionRequest request = FunctionRequest.parse(bytes(
				"{\"func\":\"Exec\",\"arg\":[1,2.5,\"a\",[true],{\"k\":null},\"{\\\"ruleId\\\":\\\"r1\\\",\\\"opId\\\":\\\"op\\\",\\\"instanceId\\\":2,\\\"funcId\\\":7}\"]}"));
		assertThat(request.kind()).isEqualTo(FunctionRequest.Kind.EXEC);
		assertThat(request.args()).containsExactly(1, 2.5, "a", List.of(true), Collections.singletonMap("k", null));
		assertThat(request.context()).isEqualTo(new SymbolMeta("r1", "op", 2));
		assertThat(request.funcId()).isEqualTo(7);
	}

	@Test
	void eachExecGetsItsOwnContextWhenCallersAlternate() throws ProtocolException {
		for (int i = 0; i < 3; i++) {
			for (String rule : List.of("a", "b")) {
				FunctionRequest request = FunctionRequest
					.parse(bytes("{\"func\":\"Exec\",\"arg\":[\"x\",\"{\\\"ruleId\\\":\\\"" + rule
							+ "\\\",\\\"opId\\\":\\\"p\\\",\\\"funcId\\\":" + i + "}\"]}"));
				assertThat(request.context().ruleId()).isEqualTo(rule);
				assertThat(request.funcId()).isEqualTo(i);
			}
		}
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> FunctionRequest.parse(bytes("{\"func\":\"Exec\",\"arg\":[\"x\",\"[1]\"]}")))
			.withMessage("Exec context must be a JSON object");
	}

	@Test
	void blankOrNonObjectRequestsNeedAFunc() {
		for (String text : List.of("", " \n\t", "[]", "5", "{\"func\":5}")) {
			assertThatExceptionOfType(ProtocolException.class).as(text)
				.isThrownBy(() -> FunctionRequest.parse(bytes(text)))
				.withMessage("Function request needs a string 'func'");
		}
	}

	@Test
	void repliesAreWrittenExactly() {
		assertThat(text(FunctionReply.success("hello"))).isEqualTo("{\"state\":true,\"result\":\"hello\"}");
		assertThat(text(FunctionReply.success(Map.of("n", 1)))).isEqualTo("{\"state\":true,\"result\":{\"n\":1}}");
		assertThat(text(FunctionReply.success(null))).isEqualTo("{\"state\":true,\"result\":null}");
		assertThat(text(FunctionReply.error("broken"))).isEqualTo("{\"state\":false,\"result\":\"broken\"}");
	}

	@Test
	void resultThatCannotBeEncodedIsAnErrorAndTheNextReplyIsIntact() {
		for (int i = 0; i < 3; i++) {
			assertThat(text(FunctionReply.success(List.of(1, new Unencodable()))))
				.startsWith("{\"state\":false,\"result\":\"Result cannot be encoded as JSON: ");
			assertThat(text(FunctionReply.success(i))).isEqualTo("{\"state\":true,\"result\":" + i + "}");
		}
	}

	@Test
	void aResultWhoseSerialisationEncodesAnotherMessageIsWrittenWhole() {
		assertThat(text(FunctionReply.success(new Nested())))
			.isEqualTo("{\"state\":true,\"result\":{\"inner\":\"{\\\"message\\\":{\\\"x\\\":1},\\\"meta\\\":null}\"}}");
		assertThat(text(FunctionReply.success("after"))).isEqualTo("{\"state\":true,\"result\":\"after\"}");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** A value whose serialisation fails. */
	static final class Unencodable {

		public String getValue() {
			throw new IllegalStateException("no value");
		}

	}

	/** A value whose serialisation writes another message on the same thread. */
	static final class Nested {

		public String getInner() {
			return new String(SourceTuple.encode(Map.of("x", 1), null), StandardCharsets.UTF_8);
		}

	}

}
