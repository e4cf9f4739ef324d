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

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.Texts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A sink message ({@code runtime.Payload}) made of any bytes: its text and bytes always
 * read, {@link SinkMessage#isJson()} never throws, and its rows decode, as maps or bound
 * to a record, or fail with the documented {@link IllegalStateException} whose
 * description is a safe ack error.
 */
class PayloadFuzzTests {

	private static final Constructor<?> PAYLOAD = payloadConstructor();

	@FuzzTest(maxDuration = "5m")
	void anyBytesGiveRowsOrAnIllegalStateException(byte[] input) {
		SinkMessage message = payload(input);
		assertThat(message.bytes()).isEqualTo(input);
		assertThat(message.text()).isNotNull();
		boolean json = message.isJson();
		Throwable failure = catchThrowable(message::rows);
		if (failure == null) {
			List<Map<String, Object>> rows = message.rows();
			assertThat(json).isTrue();
			assertThat(rows).doesNotContainNull();
			assertThat(Json.mapper().writeValueAsBytes(rows)).isNotEmpty();
		}
		else {
			assertThat(failure).isInstanceOf(IllegalStateException.class);
			FuzzChecks.assertSafeError(Texts.describe(failure));
		}
		Throwable bindFailure = catchThrowable(() -> message.rows(Row.class));
		if (bindFailure != null) {
			assertThat(bindFailure).isInstanceOf(IllegalStateException.class);
			FuzzChecks.assertSafeError(Texts.describe(bindFailure));
		}
	}

	/** A typed row, as a sink might bind one. */
	record Row(String name, int count, double value, boolean flag, List<String> tags, Map<String, Object> extra) {
	}

	private static SinkMessage payload(byte[] bytes) {
		try {
			return (SinkMessage) PAYLOAD.newInstance((Object) bytes);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The runtime's own message type is internal; the test reaches it reflectively. */
	private static Constructor<?> payloadConstructor() {
		try {
			Constructor<?> constructor = Class.forName("dev.ekuiper.plugin.runtime.Payload")
				.getDeclaredConstructor(byte[].class);
			constructor.setAccessible(true);
			return constructor;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
