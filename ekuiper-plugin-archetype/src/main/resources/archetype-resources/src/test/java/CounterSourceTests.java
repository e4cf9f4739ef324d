package ${package};

import java.time.Duration;
import java.util.Map;

import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.HostCommandException;
import dev.ekuiper.plugin.test.SourceConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@code counter} source, started by an embedded eKuiper host as a rule on
 * a stream of that type would start it.
 */
@EkuiperPluginTest("${pluginName}")
@SpringBootTest
class CounterSourceTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void countsFromStartByStep(EmbeddedHost host) {
		Map<String, Object> config = Map.of("period", 10, "start", 5, "step", 3);
		try (SourceConnection counter = host.startSource("counter", "rule1", "counters", config)) {
			assertThat(counter.next(WAIT).message()).containsEntry("count", 5.0);
			assertThat(counter.next(WAIT).message()).containsEntry("count", 8.0);
			assertThat(counter.next(WAIT).message()).containsEntry("count", 11.0);
		}
	}

	@Test
	void missingPropertiesTakeTheDefaults(EmbeddedHost host) {
		try (SourceConnection counter = host.startSource("counter", "rule1", "counters", Map.of())) {
			assertThat(counter.next(WAIT).message()).containsExactly(Map.entry("count", 0.0));
		}
	}

	@Test
	void badConfigurationFailsTheRuleNamingTheProperty(EmbeddedHost host) {
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> host.startSource("counter", "rule2", "counters", Map.of("period", 0)))
			.withMessageContaining("period must be positive");
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> host.startSource("counter", "rule2", "counters", Map.of("period", "often")))
			.withMessageContaining("period");
	}

}
