package ${package};

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code scale} and {@code spread} functions, called by an embedded eKuiper
 * host as a rule's SQL would call them.
 */
@EkuiperPluginTest("${pluginName}")
@SpringBootTest
class FunctionsTests {

	private static final List<Map<String, String>> ONE_COLUMN = List.of(Map.of("Name", "count"));

	@Test
	void scaleMultipliesANumber(EmbeddedHost host) {
		try (FunctionConnection scale = host.startFunction("scale")) {
			assertThat(scale.isAggregate()).isFalse();
			assertThat(scale.exec(List.of(4, 0.5), "rule1", "project").result()).isEqualTo(2.0);
			assertThat(scale.exec(Arrays.asList(null, 2), "rule1", "project").result()).isNull();
			assertThat(scale.exec(List.of(3), "rule1", "project").result()).as("the default factor").isEqualTo(6.0);
		}
	}

	@Test
	void scaleRejectsWrongArguments(EmbeddedHost host) {
		try (FunctionConnection scale = host.startFunction("scale")) {
			assertThat(scale.validate(ONE_COLUMN).state()).isTrue();
			FunctionResult validation = scale.validate(List.of());
			assertThat(validation.state()).isFalse();
			assertThat((String) validation.result()).contains("scale() takes 1 to 2 arguments, got 0");
			FunctionResult call = scale.exec(List.of("four", 2), "rule1", "project");
			assertThat(call.isError()).isTrue();
			assertThat((String) call.result()).contains("scale() argument 1 (value) must be a number");
		}
	}

	@Test
	void spreadAggregatesAColumnOverAGroup(EmbeddedHost host) {
		try (FunctionConnection spread = host.startFunction("spread")) {
			assertThat(spread.isAggregate()).isTrue();
			assertThat(spread.validate(ONE_COLUMN).state()).isTrue();
			assertThat(spread.exec(List.of(Arrays.asList(3, null, 10, 4.5)), "rule1", "project").result())
				.isEqualTo(7.0);
			assertThat(spread.exec(List.of(List.of()), "rule1", "project").result()).isNull();
		}
	}

	@Test
	void spreadRejectsASingleValue(EmbeddedHost host) {
		try (FunctionConnection spread = host.startFunction("spread")) {
			FunctionResult call = spread.exec(List.of(21), "rule1", "project");
			assertThat(call.isError()).isTrue();
			assertThat((String) call.result()).contains("spread()");
		}
	}

}
