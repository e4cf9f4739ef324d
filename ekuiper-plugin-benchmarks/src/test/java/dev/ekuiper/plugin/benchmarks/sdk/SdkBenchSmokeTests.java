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
package dev.ekuiper.plugin.benchmarks.sdk;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Runs the end-to-end benchmark's smoke mode with tiny counts: against the Java plugin,
 * also launched with a class-data archive, and the Python SDK plugin when its venv
 * exists; and against the Go SDK anchor's plugins, as shipped and with the guard, when
 * the anchor exists. Both are required when {@code CI} is set. The Python and Go plugins
 * use fixed socket names in {@code /tmp}: the benchmark waits for another run that holds
 * them and these tests are skipped (failed under {@code CI}) when a listener that is not
 * a benchmark run holds them.
 */
class SdkBenchSmokeTests {

	private static final List<String> FIGURES = List.of("handshake_ms", "first_record_ms", "rss_idle_kb",
			"source_per_s", "sink_per_s", "sink_ack_per_s", "func_per_s", "func_p50_us", "func_p99_us", "rss_peak_kb");

	private static final List<Integer> RULE_COUNTS = List.of(1, 5);

	@Test
	@Timeout(180)
	void smokeRunMeasuresEveryFigure() throws Exception {
		SdkBench.Options environment = SdkBench.Options.fromEnvironment();
		List<String> sdks = new ArrayList<>(List.of("java"));
		if (System.getenv("CI") != null || Files.isExecutable(environment.python())) {
			sdks.add("python");
		}
		SdkBench.Options options = smoke(environment, sdks, Duration.ofSeconds(30));
		List<SdkBench.Sample> samples = run(options);
		List<String> measured = new ArrayList<>(sdks);
		measured.add("java-cds");
		for (String sdk : measured) {
			for (String figure : FIGURES) {
				assertThat(SdkBench.median(samples, sdk, figure)).as(sdk + " " + figure).isPositive();
			}
			assertMeasuredPerRuleAndIdleCpu(samples, sdk);
		}
		assertThat(SdkBench.summary(samples, options)).contains("| function p50, µs |").doesNotContain("hangs");
	}

	@Test
	@Timeout(120)
	void goSdkColumnsMeasureEveryFigureAndReportTheAckHang() throws Exception {
		SdkBench.Options environment = SdkBench.Options.fromEnvironment();
		if (!Files.isExecutable(environment.goSdk().resolve("bench/bench"))) {
			String message = "The Go SDK anchor is missing at " + environment.goSdk()
					+ "; set SHARED_DIR to the folder holding anchors/go-sdk";
			if (System.getenv("CI") != null) {
				fail(message);
			}
			abort(message);
		}
		List<String> sdks = List.of("go", "go-guard");
		SdkBench.Options options = smoke(environment, sdks, Duration.ofSeconds(2));
		List<SdkBench.Sample> samples = run(options);
		for (String sdk : sdks) {
			for (String figure : FIGURES) {
				if (figure.equals("sink_ack_per_s")) {
					assertThat(SdkBench.median(samples, sdk, figure)).as(sdk + " " + figure).isNaN();
					assertThat(SdkBench.hang(samples, sdk, figure)).as(sdk + " " + figure)
						.hasValueSatisfying(
								(reason) -> assertThat(reason).startsWith("no ack for message 1 within 2 s"));
				}
				else {
					assertThat(SdkBench.median(samples, sdk, figure)).as(sdk + " " + figure).isPositive();
					assertThat(SdkBench.hang(samples, sdk, figure)).as(sdk + " " + figure).isEmpty();
				}
			}
			assertMeasuredPerRuleAndIdleCpu(samples, sdk);
		}
		assertThat(SdkBench.summary(samples, options))
			.contains("| sink msgs/s, requireAck | - | - | - | hangs | hangs |")
			.contains("- go, sink_ack_per_s: hangs, no ack for message 1 within 2 s");
	}

	/** RSS may even fall when rules start, and an idle process may use no CPU at all. */
	private static void assertMeasuredPerRuleAndIdleCpu(List<SdkBench.Sample> samples, String sdk) {
		for (int rules : RULE_COUNTS) {
			assertThat(SdkBench.median(samples, sdk, "rss_rule_" + rules + "_kb")).as(sdk + " rules " + rules)
				.isNotNaN();
		}
		assertThat(SdkBench.median(samples, sdk, "idle_cpu_pct")).as(sdk + " idle CPU").isNotNegative();
	}

	private static SdkBench.Options smoke(SdkBench.Options environment, List<String> sdks, Duration ackTimeout) {
		return new SdkBench.Options(environment.root(), sdks, 1, true, 500, 500, 100, 200, 50, Duration.ZERO,
				RULE_COUNTS, ackTimeout, environment.python(), environment.goSdk(), environment.pluginJava(),
				SdkBench.LAUNCHER_JAVA_OPTS, true, false);
	}

	private static List<SdkBench.Sample> run(SdkBench.Options options) throws Exception {
		try {
			// The build keeps each test's output in a file: the figures stay there for a
			// look.
			return SdkBench.run(options, System.out);
		}
		catch (FixedSockets.InUseException ex) {
			if (System.getenv("CI") != null) {
				throw ex;
			}
			return abort("the Python and Go SDKs' fixed sockets are taken: " + ex.getMessage());
		}
	}

}
