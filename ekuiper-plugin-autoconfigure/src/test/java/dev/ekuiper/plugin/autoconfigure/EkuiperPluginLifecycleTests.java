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
package dev.ekuiper.plugin.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.test.EmbeddedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EkuiperPluginLifecycle}.
 */
class EkuiperPluginLifecycleTests {

	@TempDir
	static Path socketDirectory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EkuiperPluginAutoConfiguration.class))
		.withUserConfiguration(FunctionConfiguration.class)
		.withPropertyValues("ekuiper.plugin.socket-directory=" + socketDirectory,
				"ekuiper.plugin.exit-on-host-loss=false", "ekuiper.plugin.host-loss-timeout=1h",
				"ekuiper.plugin.watch-parent=false", "ekuiper.plugin.name=lifecycle");

	@Test
	void runtimeIsStartedAfterRefresh() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EkuiperPluginLifecycle.class);
			assertThat(context.getBean(PluginRuntime.class).isRunning()).isTrue();
			assertThat(context.getBean(EkuiperPluginLifecycle.class).isRunning()).isTrue();
		});
	}

	@Test
	void lifecycleRunsBeforeTheWebServerPhases() {
		this.contextRunner.run((context) -> {
			EkuiperPluginLifecycle lifecycle = context.getBean(EkuiperPluginLifecycle.class);
			assertThat(lifecycle.getPhase()).isEqualTo(SmartLifecycle.DEFAULT_PHASE - 4096);
			assertThat(lifecycle.isAutoStartup()).isTrue();
			assertThat(lifecycle.isPauseable()).isTrue();
		});
	}

	@Test
	void runtimeIsStoppedOnClose() {
		this.contextRunner.run((context) -> {
			PluginRuntime runtime = context.getBean(PluginRuntime.class);
			context.close();
			assertThat(runtime.isRunning()).isFalse();
			assertThat(runtime.awaitStop(Duration.ZERO)).isTrue();
		});
	}

	@Test
	void runtimeSurvivesStopThenStartOfTheLifecycleBean() {
		this.contextRunner.run((context) -> {
			EkuiperPluginLifecycle lifecycle = context.getBean(EkuiperPluginLifecycle.class);
			PluginRuntime runtime = context.getBean(PluginRuntime.class);
			lifecycle.stop();
			assertThat(runtime.isRunning()).isFalse();
			lifecycle.start();
			assertThat(runtime.isRunning()).isTrue();
			assertThat(lifecycle.isRunning()).isTrue();
		});
	}

	@Test
	void runtimeSurvivesPauseAndRestartOfTheContext() {
		this.contextRunner.run((context) -> {
			ConfigurableApplicationContext source = context.getSourceApplicationContext();
			PluginRuntime runtime = context.getBean(PluginRuntime.class);
			source.pause();
			assertThat(runtime.isRunning()).isFalse();
			source.restart();
			assertThat(runtime.isRunning()).isTrue();
			source.pause();
			source.restart();
			assertThat(runtime.isRunning()).isTrue();
			assertThat(runtime.status()).singleElement().satisfies((status) -> {
				assertThat(status.name()).isEqualTo("upper");
				assertThat(status.running()).isEqualTo(1);
			});
		});
	}

	@Test
	void runtimeReconnectsToEkuiperAfterRestart() {
		try (EmbeddedHost host = EmbeddedHost.builder("lifecycle").socketDirectory(socketDirectory).build()) {
			this.contextRunner.run((context) -> {
				PluginRuntime runtime = context.getBean(PluginRuntime.class);
				host.awaitHandshake(Duration.ofSeconds(10));
				await().atMost(Duration.ofSeconds(10)).until(runtime::isConnected);
				context.getSourceApplicationContext().pause();
				assertThat(runtime.isConnected()).isFalse();
				context.getSourceApplicationContext().restart();
				await().atMost(Duration.ofSeconds(10)).until(runtime::isConnected);
				assertThat(host.startFunction("upper").exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("ABC");
			});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class FunctionConfiguration {

		@Bean
		Function upper() {
			return new Function() {

				@Override
				public Object exec(List<Object> args, FunctionContext context) {
					return String.valueOf(args.get(0)).toUpperCase();
				}

			};
		}

	}

}
