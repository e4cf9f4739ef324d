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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SinkOptions}: {@code requireAck} as eKuiper's mapstructure binding
 * reads it.
 */
class SinkOptionsTests {

	@Test
	void requireAckIsABooleanUnderAnyCaseOfItsKey() throws Exception {
		assertThat(SinkOptions.requireAck(Map.of("requireAck", true))).isTrue();
		assertThat(SinkOptions.requireAck(Map.of("requireack", true))).isTrue();
		assertThat(SinkOptions.requireAck(Map.of("RequireAck", true))).isTrue();
		assertThat(SinkOptions.requireAck(Map.of("RequireAck", false))).isFalse();
	}

	@Test
	void requireAckAbsentOrNullIsFalse() throws Exception {
		assertThat(SinkOptions.requireAck(Map.of())).isFalse();
		assertThat(SinkOptions.requireAck(Map.of("requireAcks", true))).isFalse();
		assertThat(SinkOptions.requireAck(Collections.singletonMap("requireAck", null))).isFalse();
	}

	@Test
	void exactKeyWinsOverOneThatDiffersInCase() throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("requireack", false);
		properties.put("requireAck", true);
		assertThat(SinkOptions.requireAck(properties)).isTrue();
		properties.put("requireAck", null);
		assertThat(SinkOptions.requireAck(properties)).as("a null exact key is not looked past").isFalse();
	}

	@Test
	void requireAckThatIsNotABooleanIsRefusedWithMapstructuresError() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> SinkOptions.requireAck(Map.of("requireAck", "true")))
			.withMessage("'requireAck' expected type 'bool', got unconvertible type 'string', value: 'true'");
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> SinkOptions.requireAck(Map.of("RequireAck", 1)))
			.withMessage("'requireAck' expected type 'bool', got unconvertible type 'float64', value: '1'");
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> SinkOptions.requireAck(Map.of("requireAck", List.of(true))))
			.withMessageContaining("got unconvertible type '[]interface {}'");
	}

}
