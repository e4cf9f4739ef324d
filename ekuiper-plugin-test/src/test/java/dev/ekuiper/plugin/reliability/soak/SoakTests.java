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
package dev.ekuiper.plugin.reliability.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short soak for CI ({@code -Dreliability.soak=PT10M} runs a long one): the conformance
 * plugin under steady source, sink and function load survives, answers everything, writes
 * every acked row, and keeps its threads and file descriptors flat.
 */
class SoakTests {

	@TempDir
	Path work;

	@Test
	void pluginUnderSteadyLoadLosesNothingAndKeepsItsThreadsAndDescriptors() throws Exception {
		Duration duration = Duration.parse(System.getProperty("reliability.soak", "PT15S"));
		SoakHarness.Options options = SoakHarness.Options.parse("--duration", duration.toString(), "--sample", "PT3S");
		SoakHarness.Result result = new SoakHarness(options, this.work, System.out).run();
		System.out.println(result.summary());
		assertThat(result.passed()).as(result.summary()).isTrue();
		assertThat(result.sinkMessages()).isPositive();
		assertThat(result.functionCalls()).isPositive();
		assertThat(result.sourceRecords()).isPositive();
		List<SoakHarness.Sample> loaded = result.samples().subList(1, result.samples().size());
		SoakHarness.Sample first = loaded.get(0);
		assertThat(loaded).allSatisfy((sample) -> {
			assertThat(sample.threads()).isLessThanOrEqualTo(first.threads() + 2);
			assertThat(sample.fds()).isLessThanOrEqualTo(first.fds() + 2);
		});
	}

}
