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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for decoding source messages, acks and function replies as eKuiper's Go code
 * does.
 */
class PayloadDecodingTests {

	@Test
	void sourceNumbersDecodeAsDoublesAtEveryDepth() {
		SourceTuple tuple = SourceTuple.decode(bytes("{\"message\":{\"n\":3,\"list\":[1,{\"x\":2}]},\"meta\":{}}"));
		assertThat(tuple.message()).containsEntry("n", 3.0).containsEntry("list", List.of(1.0, Map.of("x", 2.0)));
	}

	@Test
	void sourceNullPayloadIsAnEmptyRowAndEmptyPayloadIsAnError() {
		assertThat(SourceTuple.decode(bytes("null"))).satisfies((tuple) -> {
			assertThat(tuple.isValid()).isTrue();
			assertThat(tuple.message()).isEmpty();
		});
		assertThat(SourceTuple.decode(new byte[0]).decodeError())
			.isEqualTo("Invalid data format, cannot decode  to json format with error unexpected end of JSON input");
	}

	@Test
	void sourceMetaThatIsNotAnObjectIsAnError() {
		assertThat(SourceTuple.decode(bytes("{\"message\":{},\"meta\":\"x\"}")).decodeError())
			.endsWith("json: cannot unmarshal string into Go struct field messageWrapper.meta of type "
					+ "map[string]interface {}");
	}

	@Test
	void ackOfEmptyObjectOrEmptyErrorIsASuccess() {
		assertThat(Ack.decode(bytes("{}")).isSuccess()).isTrue();
		assertThat(Ack.decode(bytes("{\"error\":\"\"}")).isSuccess()).isTrue();
		assertThat(Ack.decode(bytes("{\"Error\":\"x\"}")).error()).isEqualTo("x");
	}

	@Test
	void ackWithAnErrorThatIsNotAStringDoesNotDecode() {
		Ack ack = Ack.decode(bytes("{\"error\":5}"));
		assertThat(ack.outcome()).isEqualTo(Ack.Outcome.UNPARSEABLE);
		assertThat(ack.error())
			.isEqualTo("json: cannot unmarshal number into Go struct field ackResponse.error of type string");
		assertThat(Ack.decode(bytes("[]")).outcome()).isEqualTo(Ack.Outcome.UNPARSEABLE);
	}

	@Test
	void functionReplyWithFalseStateAndNullResultIsANullValueNotAnError() {
		FunctionResult result = FunctionResult.decode(bytes("{\"state\":false,\"result\":null}"));
		assertThat(result.isError()).isFalse();
		assertThat(FunctionResult.decode(bytes("{\"state\":false,\"result\":\"bad\"}")).isError()).isTrue();
	}

	@Test
	void functionReplyThatIsNotAnObjectIsAnError() {
		assertThatExceptionOfType(HostException.class).isThrownBy(() -> FunctionResult.decode(bytes("\"x\"")))
			.withMessage("Failed to unmarshal function result \"x\": json: cannot unmarshal string into Go value of "
					+ "type runtime.FuncReply");
	}

	private static byte[] bytes(String text) {
		return FakePlugin.bytes(text);
	}

}
