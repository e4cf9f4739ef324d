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
import java.util.Map;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.api.Symbol;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import dev.ekuiper.plugin.runtime.RuntimeSettings;
import dev.ekuiper.plugin.test.EmbeddedHost;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EkuiperPluginAutoConfiguration}.
 */
class EkuiperPluginAutoConfigurationTests {

	@TempDir
	static Path socketDirectory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EkuiperPluginAutoConfiguration.class))
		.withPropertyValues("ekuiper.plugin.socket-directory=" + socketDirectory,
				"ekuiper.plugin.exit-on-host-loss=false", "ekuiper.plugin.host-loss-timeout=1h",
				"ekuiper.plugin.watch-parent=false");

	@Test
	void symbolBeansAreServedUnderTheirBeanNames() {
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo")
			.run((context) -> {
				assertThat(context).hasSingleBean(PluginDefinition.class).hasSingleBean(PluginRuntime.class);
				PluginDefinition definition = context.getBean(PluginDefinition.class);
				assertThat(definition.sources()).containsOnlyKeys("ticks");
				assertThat(definition.sinks()).containsOnlyKeys("log");
				assertThat(definition.functions()).containsOnlyKeys("upper");
				assertThat(definition.functions().get("upper")).isSameAs(context.getBean("upper"));
				assertThat(context.getBean(PluginRuntime.class).definition()).isSameAs(definition);
			});
	}

	@Test
	void symbolAnnotationOnBeanMethodRenamesTheSymbol() {
		this.contextRunner.withUserConfiguration(RenamedSymbolsConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo")
			.run((context) -> {
				PluginDefinition definition = context.getBean(PluginDefinition.class);
				assertThat(definition.sources()).containsOnlyKeys("other");
				assertThat(definition.sinks()).containsOnlyKeys("console");
				assertThat(definition.functions()).containsOnlyKeys("to_upper");
			});
	}

	@Test
	void symbolAnnotationOnClassRenamesTheSymbol() {
		this.contextRunner.withUserConfiguration(AnnotatedClassConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo")
			.run((context) -> assertThat(context.getBean(PluginDefinition.class).sources()).containsOnlyKeys("clock"));
	}

	@Test
	void pluginNameComesFromEkuiperPluginName() {
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo", "spring.application.name=app")
			.run((context) -> assertThat(context.getBean(PluginDefinition.class).name()).isEqualTo("demo"));
	}

	@Test
	void pluginNameFallsBackToSpringApplicationName() {
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class)
			.withPropertyValues("spring.application.name=app")
			.run((context) -> assertThat(context.getBean(PluginDefinition.class).name()).isEqualTo("app"));
	}

	@Test
	void sourceFactorySuppliesAFreshInstanceEachTime() {
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo")
			.run((context) -> {
				PluginDefinition definition = context.getBean(PluginDefinition.class);
				Source<?> first = definition.sources().get("ticks").get();
				Source<?> second = definition.sources().get("ticks").get();
				assertThat(first).isInstanceOf(TickSource.class).isNotSameAs(second);
				assertThat(context.getBean("ticks")).isNotSameAs(context.getBean("ticks"));
			});
	}

	@Test
	void sinkFactorySuppliesAFreshInstanceEachTime() {
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo")
			.run((context) -> {
				PluginDefinition definition = context.getBean(PluginDefinition.class);
				Sink<?> first = definition.sinks().get("log").get();
				assertThat(first).isInstanceOf(LogSink.class).isNotSameAs(definition.sinks().get("log").get());
			});
	}

	@Test
	void defaultPropertiesMatchEkuiper() {
		EkuiperPluginProperties properties = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("ekuiper.plugin", EkuiperPluginProperties.class);
		assertThat(properties.name()).isNull();
		assertThat(properties.socketDirectory()).isEqualTo(Path.of("/tmp"));
		assertThat(properties.sendTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.keepAlive()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.hostLossTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.setupTimeout()).isEqualTo(Duration.ofSeconds(10));
		// Below eKuiper's portable.recvTimeout (5 s), so the rule sees the plugin's own
		// error.
		assertThat(properties.functionTimeout()).isEqualTo(Duration.ofSeconds(4))
			.isEqualTo(RuntimeSettings.defaults().functionTimeout());
		assertThat(properties.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.maxReceiveSize()).isEqualTo(DataSize.ofMegabytes(16));
		assertThat(properties.watchParent()).isTrue();
		assertThat(properties.exitOnHostLoss()).isNull();
		assertThat(properties.handleSignals()).isNull();
		assertThat(properties.exitOnHostLoss(true)).isTrue();
		assertThat(properties.exitOnHostLoss(false)).isFalse();
		assertThat(properties.handleSignals(true)).isTrue();
		assertThat(properties.handleSignals(false)).isFalse();
	}

	@Test
	void explicitExitAndSignalPropertiesWinOverHowTheProcessWasLaunched() {
		EkuiperPluginProperties properties = new Binder(new MapConfigurationPropertySource(
				Map.of("ekuiper.plugin.exit-on-host-loss", "false", "ekuiper.plugin.handle-signals", "true")))
			.bindOrCreate("ekuiper.plugin", EkuiperPluginProperties.class);
		assertThat(properties.exitOnHostLoss(true)).isFalse();
		assertThat(properties.handleSignals(false)).isTrue();
	}

	@Test
	void withoutTheProcessArgumentHostLossStopsTheRuntimeAndTheProcessLivesOn() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EkuiperPluginAutoConfiguration.class))
			.withUserConfiguration(SymbolsConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=unhosted", "ekuiper.plugin.socket-directory=" + socketDirectory,
					"ekuiper.plugin.host-loss-timeout=200ms", "ekuiper.plugin.watch-parent=false")
			.run((context) -> {
				PluginRuntime runtime = context.getBean(PluginRuntime.class);
				// Were the host loss to exit, this test's JVM would end here.
				await().atMost(Duration.ofSeconds(30)).until(() -> !runtime.isRunning());
				assertThat(context.getBean(EkuiperPluginLifecycle.class)).extracting("onTermination").isNull();
				assertThat(context.isActive()).isTrue();
			});
	}

	@Test
	void typedPropertiesBindIntoPropertiesAndRuntimeSettings() {
		Path directory = socketDirectory.resolve("custom");
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo", "ekuiper.plugin.socket-directory=" + directory,
					"ekuiper.plugin.send-timeout=250ms", "ekuiper.plugin.keep-alive=3s",
					"ekuiper.plugin.host-loss-timeout=2h", "ekuiper.plugin.setup-timeout=7s",
					"ekuiper.plugin.function-timeout=8s", "ekuiper.plugin.stop-timeout=2s",
					"ekuiper.plugin.max-receive-size=1MB", "ekuiper.plugin.watch-parent=false")
			.run((context) -> {
				EkuiperPluginProperties properties = context.getBean(EkuiperPluginProperties.class);
				assertThat(properties.name()).isEqualTo("demo");
				assertThat(properties.socketDirectory()).isEqualTo(directory);
				assertThat(properties.sendTimeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.keepAlive()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.hostLossTimeout()).isEqualTo(Duration.ofHours(2));
				assertThat(properties.setupTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(properties.functionTimeout()).isEqualTo(Duration.ofSeconds(8));
				assertThat(properties.stopTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.maxReceiveSize()).isEqualTo(DataSize.ofMegabytes(1));
				assertThat(properties.watchParent()).isFalse();
				assertThat(properties.exitOnHostLoss()).isFalse();
				assertThat(context.getBean(PluginRuntime.class)).extracting("settings")
					.asInstanceOf(InstanceOfAssertFactories.type(RuntimeSettings.class))
					.isEqualTo(new RuntimeSettings(directory, Duration.ofMillis(250), Duration.ofSeconds(3),
							Duration.ofHours(2), Duration.ofSeconds(7), Duration.ofSeconds(8), Duration.ofSeconds(2),
							1024 * 1024, false));
			});
	}

	@Test
	void processArgumentFromEkuiperOverridesSendTimeout() {
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class)
			.withBean(ApplicationArguments.class, () -> new DefaultApplicationArguments("{\"sendTimeout\":3000}"))
			.withPropertyValues("ekuiper.plugin.name=demo", "ekuiper.plugin.send-timeout=250ms")
			.run((context) -> assertThat(context.getBean(PluginRuntime.class)).extracting("settings.sendTimeout")
				.isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void argumentsThatAreNotJsonLeaveSendTimeoutAlone() {
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class)
			.withBean(ApplicationArguments.class, () -> new DefaultApplicationArguments("--debug", "plain"))
			.withPropertyValues("ekuiper.plugin.name=demo", "ekuiper.plugin.send-timeout=250ms")
			.run((context) -> assertThat(context.getBean(PluginRuntime.class)).extracting("settings.sendTimeout")
				.isEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void runtimeDialsEkuiperInTheConfiguredSocketDirectory() {
		try (EmbeddedHost host = EmbeddedHost.builder("dialed").socketDirectory(socketDirectory).build()) {
			this.contextRunner.withUserConfiguration(SymbolsConfiguration.class)
				.withPropertyValues("ekuiper.plugin.name=dialed")
				.run((context) -> {
					assertThat(host.controlUrl()).isEqualTo("ipc://" + socketDirectory.resolve("plugin_dialed.ipc"));
					assertThat(host.awaitHandshake(Duration.ofSeconds(10))).isEmpty();
					assertThat(host.status()).isEqualTo("running");
				});
		}
	}

	@Test
	void runtimeObserverBeansReceiveTheRuntimeReports() {
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class, ObserversConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo")
			.run((context) -> assertThat(context.getBean(PluginRuntime.class)).extracting("observer")
				.isInstanceOf(CompositeRuntimeObserver.class));
	}

	@Test
	void userDefinedPluginDefinitionBacksOff() {
		this.contextRunner.withUserConfiguration(UserDefinitionConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PluginDefinition.class).doesNotHaveBean("ekuiperPluginDefinition");
			assertThat(context.getBean(PluginRuntime.class).definition()).isSameAs(context.getBean("customDefinition"));
		});
	}

	@Test
	void userDefinedPluginRuntimeBacksOff() {
		this.contextRunner.withUserConfiguration(UserRuntimeConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(PluginRuntime.class)
				.hasBean("customRuntime")
				.doesNotHaveBean("ekuiperPluginRuntime")
				.doesNotHaveBean("ekuiperPluginDefinition");
			assertThat(context.getBean(PluginRuntime.class).definition().name()).isEqualTo("custom");
		});
	}

	@Test
	void singletonSourceBeanFailsWithAdvice() {
		this.contextRunner.withUserConfiguration(SingletonSourceConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo")
			.run((context) -> {
				FailureAnalysis analysis = analyzeFailure(context);
				assertThat(analysis.getDescription()).contains("source bean 'ticks' is a singleton");
				assertThat(analysis.getAction()).contains("@Scope(\"prototype\")");
			});
	}

	@Test
	void singletonSinkBeanFailsWithAdvice() {
		this.contextRunner.withUserConfiguration(SingletonSinkConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo")
			.run((context) -> {
				FailureAnalysis analysis = analyzeFailure(context);
				assertThat(analysis.getDescription()).contains("sink bean 'log' is a singleton");
				assertThat(analysis.getAction()).contains("@Scope(\"prototype\")");
			});
	}

	@Test
	void twoBeansWithOneSymbolNameFailWithAdvice() {
		this.contextRunner.withUserConfiguration(DuplicateSymbolConfiguration.class)
			.withPropertyValues("ekuiper.plugin.name=demo")
			.run((context) -> {
				FailureAnalysis analysis = analyzeFailure(context);
				assertThat(analysis.getDescription()).contains("'ticks'", "'moreTicks'", "source symbol 'same'");
				assertThat(analysis.getAction()).contains("@Symbol");
			});
	}

	@Test
	void noSymbolFailsWithAdvice() {
		this.contextRunner.withPropertyValues("ekuiper.plugin.name=empty").run((context) -> {
			FailureAnalysis analysis = analyzeFailure(context);
			assertThat(analysis.getDescription()).contains("plugin 'empty' has no symbol");
			assertThat(analysis.getAction()).contains("Source", "Sink", "Function");
		});
	}

	@Test
	void missingPluginNameFailsWithAdvice() {
		this.contextRunner.withUserConfiguration(SymbolsConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analyzeFailure(context);
			assertThat(analysis.getDescription()).contains("no name");
			assertThat(analysis.getAction()).contains("ekuiper.plugin.name", "spring.application.name");
		});
	}

	private static FailureAnalysis analyzeFailure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidPluginDefinitionException.class);
		FailureAnalysis analysis = new InvalidPluginDefinitionFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("The eKuiper plugin is misdeclared: ");
		assertThat(analysis.getCause()).isInstanceOf(InvalidPluginDefinitionException.class);
		return analysis;
	}

	static class TickSource implements Source<Map<String, Object>> {

		@Override
		public void open(SourceContext context) {
		}

	}

	@Symbol("clock")
	static class ClockSource implements Source<Map<String, Object>> {

		@Override
		public void open(SourceContext context) {
		}

	}

	static class LogSink implements Sink<Map<String, Object>> {

		@Override
		public void collect(SinkContext context, SinkMessage message) {
		}

	}

	static class UpperFunction implements Function {

		@Override
		public Object exec(List<Object> args, FunctionContext context) {
			return String.valueOf(args.get(0)).toUpperCase();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SymbolsConfiguration {

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		TickSource ticks() {
			return new TickSource();
		}

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		LogSink log() {
			return new LogSink();
		}

		@Bean
		UpperFunction upper() {
			return new UpperFunction();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RenamedSymbolsConfiguration {

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		@Symbol("other")
		TickSource ticks() {
			return new TickSource();
		}

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		@Symbol(value = "console", description = "Writes to the console")
		LogSink log() {
			return new LogSink();
		}

		@Bean
		@Symbol("to_upper")
		UpperFunction upper() {
			return new UpperFunction();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnnotatedClassConfiguration {

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		ClockSource ticks() {
			return new ClockSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObserversConfiguration {

		@Bean
		RuntimeObserver firstObserver() {
			return new RuntimeObserver() {
			};
		}

		@Bean
		RuntimeObserver secondObserver() {
			return new RuntimeObserver() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDefinitionConfiguration {

		@Bean
		PluginDefinition customDefinition() {
			return PluginDefinition.builder("custom").function("upper", new UpperFunction()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRuntimeConfiguration {

		@Bean
		PluginRuntime customRuntime() {
			PluginDefinition definition = PluginDefinition.builder("custom")
				.function("upper", new UpperFunction())
				.build();
			return new PluginRuntime(definition, RuntimeSettings.defaults().withSocketDirectory(socketDirectory),
					RuntimeObserver.NONE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SingletonSourceConfiguration {

		@Bean
		TickSource ticks() {
			return new TickSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SingletonSinkConfiguration {

		@Bean
		LogSink log() {
			return new LogSink();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateSymbolConfiguration {

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		@Symbol("same")
		TickSource ticks() {
			return new TickSource();
		}

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		@Symbol("same")
		TickSource moreTicks() {
			return new TickSource();
		}

	}

}
