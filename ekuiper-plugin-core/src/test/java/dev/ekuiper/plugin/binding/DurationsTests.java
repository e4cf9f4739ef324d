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
package dev.ekuiper.plugin.binding;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Durations}.
 */
class DurationsTests {

	@ParameterizedTest
	@CsvSource({ "250, PT0.25S", "10ns, PT0.00000001S", "7us, PT0.000007S", "500ms, PT0.5S", "1s, PT1S", "2m, PT2M",
			"3h, PT3H", "1d, PT24H", "-5s, PT-5S", "1MS, PT0.001S", "PT1.5S, PT1.5S", "pt2m, PT2M", "' 1s ', PT1S" })
	void parseShouldReadSimpleAndIsoForms(String text, Duration expected) {
		assertThat(Durations.parse(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "fast", "1.5s", "1 s", "5y", "P", "PTxS" })
	void parseWhenNoDurationShouldFail(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text)).withMessageContaining("duration");
	}

	@ParameterizedTest
	@CsvSource({ "PT0S, 0s", "PT1S, 1s", "PT1.5S, 1500ms", "PT2H, 2h", "PT48H, 2d", "PT0.000001S, 1us",
			"PT0.000000007S, 7ns", "PT-3M, -3m" })
	void formatShouldUseTheLargestExactUnit(Duration duration, String expected) {
		assertThat(Durations.format(duration)).isEqualTo(expected);
		assertThat(Durations.parse(expected)).isEqualTo(duration);
	}

}
