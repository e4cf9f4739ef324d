package dev.ekuiper.plugin.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.ekuiper.plugin.test.DevMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@link DevMode} against the demo's fat jar, built in the package phase: records
 * flow from the source through the function to the sink and come out as JSON lines.
 */
class DevModeIT {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@TempDir
	Path directory;

	private Path jar;

	@BeforeEach
	void locateJar() {
		this.jar = Path.of(System.getProperty("demo.jar", "target/demo-app-0.1.0-SNAPSHOT.jar"));
		if (!Files.isRegularFile(this.jar)) {
			if (System.getenv("CI") != null) {
				fail("No plugin jar at " + this.jar.toAbsolutePath() + "; it is built in the package phase");
			}
			assumeTrue(false, "No plugin jar at " + this.jar.toAbsolutePath() + "; run 'mvnw verify'");
		}
	}

	@Test
	void sensorRecordsFlowThroughC2fToTheFile() throws Exception {
		Path file = this.directory.resolve("rows.jsonl");
		List<JsonNode> lines = run("--records", "4", "--source-config", "{\"period\":50,\"sensors\":[\"a\",\"b\"]}",
				"--sink-config", "{\"path\":\"" + file + "\"}");
		assertThat(lines).hasSize(4).allSatisfy((line) -> {
			JsonNode source = line.get("source");
			assertThat(source.get("sensorId").asString()).isIn("a", "b");
			double fahrenheit = source.get("temperature").asDouble() * 9 / 5 + 32;
			assertThat(line.get("function").asDouble()).isCloseTo(fahrenheit, within(0.01));
			assertThat(line.get("ack").toString()).isEqualTo("{}");
		});
		List<String> rows = Files.readAllLines(file);
		assertThat(rows).hasSize(4);
		assertThat(this.jsonMapper.readTree(rows.get(0)).has("c2f")).isTrue();
	}

	@Test
	void pysamSymbolsRunLikeThePythonExample() {
		List<JsonNode> lines = run("--source", "pyjson", "--function", "revert", "--args", "name", "--sink", "print",
				"--records", "2");
		JsonNode expected = this.jsonMapper
			.readTree("{\"source\":{\"name\":\"pyjson\",\"value\":2021},\"function\":\"nosjyp\",\"ack\":{}}");
		assertThat(lines).containsExactly(expected, expected);
	}

	private List<JsonNode> run(String... options) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String[] args = new String[options.length + 2];
		args[0] = "--jar";
		args[1] = this.jar.toString();
		System.arraycopy(options, 0, args, 2, options.length);
		int code = DevMode.run(new PrintStream(out, true, StandardCharsets.UTF_8), args);
		assertThat(code).isZero();
		return out.toString(StandardCharsets.UTF_8).lines().map(this.jsonMapper::readTree).toList();
	}

}
