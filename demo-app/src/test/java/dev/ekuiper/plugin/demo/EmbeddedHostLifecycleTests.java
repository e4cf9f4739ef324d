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
package dev.ekuiper.plugin.demo;

import java.util.List;

import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link EkuiperPluginTest} serves a per-class test instance, where the Spring
 * context starts before any callback of the class, and nested classes.
 */
@SpringBootTest
@EkuiperPluginTest("demo")
@TestInstance(Lifecycle.PER_CLASS)
class EmbeddedHostLifecycleTests {

	private EmbeddedHost host;

	@Autowired
	private Environment environment;

	@BeforeAll
	void connect(EmbeddedHost host) {
		this.host = host;
		assertThat(host.status()).isEqualTo("running");
	}

	@Test
	void contextIsPointedAtTheHostByItsOwnPropertiesNotBySystemProperties(EmbeddedHost host) {
		assertThat(host).isSameAs(this.host);
		assertThat(host.controlUrl())
			.isEqualTo("ipc://" + this.environment.getProperty("ekuiper.plugin.socket-directory") + "/plugin_demo.ipc");
		assertThat(System.getProperty("ekuiper.plugin.socket-directory")).isNull();
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassSharesTheHost(EmbeddedHost host) {
			assertThat(host).isSameAs(EmbeddedHostLifecycleTests.this.host);
			try (FunctionConnection revert = host.startFunction("revert")) {
				assertThat(revert.exec(List.of("ab"), "rule1", "project").result()).isEqualTo("ba");
			}
		}

	}

}
