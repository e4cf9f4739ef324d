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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.test.EkuiperPluginTest;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that plain {@code @SpringBootTest} classes and {@link EkuiperPluginTest} classes
 * can share a JVM in any order, also in parallel, and that a wrong plugin name fails at
 * once. Each test runs the scenario classes below in this JVM through the JUnit Platform
 * launcher, so they share Spring's context cache as classes of one Surefire fork do.
 */
class TestClassIsolationTests {

	private static final String SCENARIO_PARAMETER = "demo.scenario";

	@Test
	void plainSpringBootTestThenUnnamedEmbeddedHostTestBothPass() {
		Outcome outcome = run(Map.of(), PlainContext.class, UnnamedHostedPlugin.class);
		assertThat(outcome.failures()).isEmpty();
		assertThat(outcome.succeededTests()).isEqualTo(2);
	}

	@Test
	void embeddedHostClassesRunInParallelEachWithItsOwnHost() {
		Outcome outcome = run(
				Map.of("junit.jupiter.execution.parallel.enabled", "true",
						"junit.jupiter.execution.parallel.mode.classes.default", "concurrent"),
				UnnamedHostedPlugin.class, NamedHostedPlugin.class, PlainContext.class);
		assertThat(outcome.failures()).isEmpty();
		assertThat(outcome.succeededTests()).isEqualTo(3);
	}

	@Test
	void wrongPluginNameFailsTheClassNamingBothNames() {
		Outcome outcome = run(Map.of(), WrongPluginName.class);
		assertThat(outcome.failures()).singleElement()
			.asString()
			.contains("@EkuiperPluginTest(\"wrong\")", "names plugin 'wrong'", "the application's plugin is 'demo'");
		assertThat(outcome.succeededTests()).isZero();
	}

	@Test
	void unnamedPluginWithoutASpringContextFailsSayingSo() {
		Outcome outcome = run(Map.of(), UnnamedWithoutSpring.class);
		assertThat(outcome.failures()).singleElement()
			.asString()
			.contains("names no plugin", "no Spring test context to take it from");
	}

	private static Outcome run(Map<String, String> parameters, Class<?>... classes) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(Arrays.stream(classes).map(DiscoverySelectors::selectClass).toList())
			.configurationParameter(SCENARIO_PARAMETER, "true")
			.configurationParameters(parameters)
			.build();
		Outcome outcome = new Outcome();
		LauncherFactory.create().execute(request, outcome);
		return outcome;
	}

	/** What the scenario classes' run gave. */
	private static final class Outcome implements TestExecutionListener {

		private final List<String> failures = new ArrayList<>();

		private int succeededTests;

		@Override
		public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
			if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
				this.failures.add(identifier.getDisplayName() + ": "
						+ result.getThrowable().map(Throwable::toString).orElse(result.getStatus().toString()));
			}
			else if (identifier.isTest()) {
				this.succeededTests++;
			}
		}

		synchronized List<String> failures() {
			return List.copyOf(this.failures);
		}

		synchronized int succeededTests() {
			return this.succeededTests;
		}

	}

	/** Runs a scenario class only when one of the tests above launches it. */
	static final class ScenarioCondition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return context.getConfigurationParameter(SCENARIO_PARAMETER).isPresent()
					? ConditionEvaluationResult.enabled("launched by TestClassIsolationTests")
					: ConditionEvaluationResult.disabled("runs only through TestClassIsolationTests");
		}

	}

	/** What start.spring.io generates. */
	@SpringBootTest
	@ExtendWith(ScenarioCondition.class)
	static class PlainContext {

		@Autowired
		private Environment environment;

		@Test
		void contextLoads() {
			assertThat(this.environment.getProperty("ekuiper.plugin.socket-directory")).isNotEqualTo("/tmp");
		}

	}

	/** Takes the plugin name from application.yaml. */
	@SpringBootTest
	@EkuiperPluginTest
	@ExtendWith(ScenarioCondition.class)
	static class UnnamedHostedPlugin {

		@Test
		void revertsThroughTheHost(EmbeddedHost host) {
			assertThat(host.pluginName()).isEqualTo("demo");
			try (FunctionConnection revert = host.startFunction("revert")) {
				assertThat(revert.exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("cba");
			}
		}

	}

	/** Names the plugin as application.yaml does. */
	@SpringBootTest
	@EkuiperPluginTest("demo")
	@ExtendWith(ScenarioCondition.class)
	static class NamedHostedPlugin {

		@Test
		void revertsThroughTheHost(EmbeddedHost host) {
			try (FunctionConnection revert = host.startFunction("revert")) {
				assertThat(revert.exec(List.of("xyz"), "rule1", "op1").result()).isEqualTo("zyx");
			}
		}

	}

	/** Has no Spring test context to take the plugin name from. */
	@EkuiperPluginTest
	@ExtendWith(ScenarioCondition.class)
	static class UnnamedWithoutSpring {

		@Test
		void neverRuns(EmbeddedHost host) {
			assertThat(host.status()).isEqualTo("running");
		}

	}

	/** Names a plugin the application does not serve. */
	@SpringBootTest
	@EkuiperPluginTest("wrong")
	@ExtendWith(ScenarioCondition.class)
	static class WrongPluginName {

		@Test
		void neverRuns(EmbeddedHost host) {
			assertThat(host.status()).isEqualTo("running");
		}

	}

}
