package dev.ekuiper.plugin.benchmarks.sdk;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the end-to-end benchmark's smoke mode with tiny counts against the Java plugin, and
 * against the Python SDK plugin when its venv exists (required when {@code CI} is set),
 * and launches the Java plugin once more with a class-data archive.
 */
class SdkBenchSmokeTests {

	@Test
	@Timeout(120)
	void smokeRunMeasuresEveryFigure() throws Exception {
		SdkBench.Options quick = SdkBench.Options.fromEnvironment();
		List<String> sdks = new ArrayList<>(List.of("java"));
		if (System.getenv("CI") != null || Files.isExecutable(quick.python())) {
			sdks.add("python");
		}
		SdkBench.Options options = new SdkBench.Options(quick.root(), sdks, 1, true, 500, 500, 100, 200, 50,
				Duration.ZERO, quick.python(), quick.pluginJava(), SdkBench.LAUNCHER_JAVA_OPTS, true, false);
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		List<SdkBench.Sample> samples = SdkBench.run(options,
				new PrintStream(log, true, StandardCharsets.UTF_8));
		for (String sdk : sdks) {
			for (String figure : List.of("handshake_ms", "source_per_s", "sink_per_s", "sink_ack_per_s",
					"func_per_s", "func_p50_us", "func_p99_us", "rss_peak_kb")) {
				assertThat(SdkBench.median(samples, sdk, figure)).as(sdk + " " + figure).isPositive();
			}
		}
		assertThat(SdkBench.median(samples, "java-cds", "handshake_ms")).as("launch with a class-data archive")
			.isPositive();
		assertThat(SdkBench.summary(samples, options)).contains("| function p50, µs |");
	}

}
