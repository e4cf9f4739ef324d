package ${package};

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.HostCommandException;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@code jsonlines} sink, fed by an embedded eKuiper host as a rule action
 * would feed it.
 */
@EkuiperPluginTest("${pluginName}")
@SpringBootTest
class JsonLinesSinkTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	@Test
	void eachRowBecomesALineAndEachMessageIsAcknowledged(EmbeddedHost host) throws Exception {
		Path file = this.directory.resolve("out.jsonl");
		Map<String, Object> config = Map.of("path", file.toString(), "requireAck", true);
		try (SinkConnection sink = host.startSink("jsonlines", "rule1", "jsonlines_0", config)) {
			sink.sendRow(Map.of("count", 1));
			assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
			sink.sendRows(List.of(Map.of("count", 2), Map.of("count", 3)));
			assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		}
		assertThat(Files.readAllLines(file)).containsExactly("{\"count\":1}", "{\"count\":2}", "{\"count\":3}");
	}

	@Test
	void appendFalseStartsTheFileEmpty(EmbeddedHost host) throws Exception {
		Path file = Files.writeString(this.directory.resolve("out.jsonl"), "old\n");
		Map<String, Object> config = Map.of("path", file.toString(), "append", false, "requireAck", true);
		try (SinkConnection sink = host.startSink("jsonlines", "rule1", "jsonlines_0", config)) {
			sink.sendRow(Map.of("count", 1));
			assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		}
		assertThat(Files.readAllLines(file)).containsExactly("{\"count\":1}");
	}

	@Test
	void aFileThatCannotBeOpenedFailsTheRuleStart(EmbeddedHost host) {
		Map<String, Object> config = Map.of("path", this.directory.toString());
		assertThatExceptionOfType(HostCommandException.class)
			.isThrownBy(() -> host.startSink("jsonlines", "rule2", "jsonlines_0", config))
			.withMessageContaining(this.directory.toString());
	}

}
