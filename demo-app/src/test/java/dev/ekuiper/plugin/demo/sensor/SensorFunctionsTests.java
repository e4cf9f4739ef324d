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
package dev.ekuiper.plugin.demo.sensor;

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
 * Tests for the {@code c2f} and {@code stats} functions through an embedded eKuiper host,
 * injected into the constructor.
 */
@EkuiperPluginTest("demo")
@SpringBootTest
class SensorFunctionsTests {

	private static final List<Map<String, String>> ONE_FIELD = List.of(Map.of("Name", "temperature"));

	private final EmbeddedHost host;

	SensorFunctionsTests(EmbeddedHost host) {
		this.host = host;
	}

	@Test
	void c2fConvertsOneValue() {
		try (FunctionConnection c2f = this.host.startFunction("c2f")) {
			assertThat(c2f.isAggregate()).isFalse();
			assertThat(c2f.validate(ONE_FIELD).state()).isTrue();
			assertThat(c2f.exec(List.of(100), "rule1", "project").result()).isEqualTo(212.0);
			assertThat(c2f.exec(List.of(-40.0), "rule1", "project").result()).isEqualTo(-40.0);
			assertThat(c2f.exec(List.of(21.5), "rule1", "project").result()).isEqualTo(70.7);
			assertThat(c2f.exec(Arrays.asList((Object) null), "rule1", "project"))
				.isEqualTo(new FunctionResult(true, null));
		}
	}

	@Test
	void c2fRejectsWrongArguments() {
		try (FunctionConnection c2f = this.host.startFunction("c2f")) {
			FunctionResult validation = c2f.validate(List.of(Map.of("Name", "a"), Map.of("Name", "b")));
			assertThat(validation.state()).isFalse();
			assertThat(validation.result()).isEqualTo("c2f() takes 1 argument, got 2");
			FunctionResult call = c2f.exec(List.of("warm"), "rule1", "project");
			assertThat(call.isError()).isTrue();
			assertThat(call.result()).isEqualTo("c2f() argument 1 (celsius) must be a number, got a string 'warm'");
		}
	}

	@Test
	void statsAggregatesTheValuesOfAGroup() {
		try (FunctionConnection stats = this.host.startFunction("stats")) {
			assertThat(stats.isAggregate()).isTrue();
			assertThat(stats.validate(ONE_FIELD).state()).isTrue();
			FunctionResult result = stats.exec(List.of(Arrays.asList(20.0, 22.5, null, 27.0)), "rule1", "project");
			assertThat(result.state()).isTrue();
			assertThat(result.result()).isEqualTo(Map.of("count", 3.0, "min", 20.0, "max", 27.0, "mean", 23.17));
			assertThat(stats.exec(List.of(List.of()), "rule1", "project").result()).isEqualTo(Map.of("count", 0.0));
		}
	}

	@Test
	void statsRejectsASingleValue() {
		try (FunctionConnection stats = this.host.startFunction("stats")) {
			FunctionResult result = stats.exec(List.of(21.0), "rule1", "project");
			assertThat(result.isError()).isTrue();
			assertThat(result.result())
				.isEqualTo("stats() argument 1 (value) must be an array of values for an aggregate function");
		}
	}

}
