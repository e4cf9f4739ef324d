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
