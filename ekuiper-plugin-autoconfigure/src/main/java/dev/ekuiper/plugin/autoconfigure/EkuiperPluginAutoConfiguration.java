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

import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.binding.boot.BootConfigBinder;
import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import dev.ekuiper.plugin.runtime.RuntimeSettings;
import dev.ekuiper.plugin.runtime.Supervision;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Serves the application's {@code Source}, {@code Sink} and {@code Function} beans to
 * eKuiper as a portable plugin, binding their configurations with Spring Boot's rules
 * ({@link BootConfigBinder}). Backs off when the application defines its own
 * {@link PluginDefinition}, {@link PluginRuntime} or {@link ConfigBinder}.
 */
@AutoConfiguration
@ConditionalOnClass(PluginRuntime.class)
@EnableConfigurationProperties(EkuiperPluginProperties.class)
public final class EkuiperPluginAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean({ PluginDefinition.class, PluginRuntime.class })
	PluginDefinition ekuiperPluginDefinition(ConfigurableListableBeanFactory beanFactory,
			EkuiperPluginProperties properties, Environment environment) {
		String name = StringUtils.hasText(properties.name()) ? properties.name()
				: environment.getProperty("spring.application.name");
		return new SymbolBeans(beanFactory).definition(name);
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigBinder ekuiperConfigBinder(ConfigurableApplicationContext context) {
		return new BootConfigBinder(context.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	PluginRuntime ekuiperPluginRuntime(PluginDefinition definition, EkuiperPluginProperties properties,
			ConfigBinder configBinder, ObjectProvider<RuntimeObserver> observers,
			ObjectProvider<ApplicationArguments> arguments, ConfigurableApplicationContext context) {
		String processArgument = processArgument(arguments.getIfAvailable());
		RuntimeSettings settings = RuntimeSettings.defaults()
			.withSocketDirectory(properties.socketDirectory())
			.withSendTimeout(properties.sendTimeout())
			.withKeepAlive(properties.keepAlive())
			.withHostLossTimeout(properties.hostLossTimeout())
			.withSymbolTimeouts(properties.setupTimeout(), properties.functionTimeout(), properties.stopTimeout())
			.withMaxReceiveSize(properties.maxReceiveSize().toBytes())
			.withWatchParent(properties.watchParent())
			.withProcessArgument(processArgument);
		PluginRuntime runtime = new PluginRuntime(definition, settings,
				CompositeRuntimeObserver.of(observers.orderedStream().toList()), configBinder);
		Supervision.fromEnvironment(System.getenv()).ifPresent(runtime::supervisedBy);
		if (properties.exitOnHostLoss(processArgument != null)) {
			runtime.onHostLost(() -> System.exit(SpringApplication.exit(context)));
		}
		return runtime;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(NotDescribing.class)
	EkuiperPluginLifecycle ekuiperPluginLifecycle(PluginRuntime runtime, EkuiperPluginProperties properties,
			ObjectProvider<ApplicationArguments> arguments, ConfigurableApplicationContext context) {
		// Launched by eKuiper, SIGTERM becomes a graceful stop that exits 0.
		boolean launchedByHost = processArgument(arguments.getIfAvailable()) != null;
		Runnable onTermination = properties.handleSignals(launchedByHost) ? () -> SpringApplication.exit(context)
				: null;
		return new EkuiperPluginLifecycle(runtime, onTermination);
	}

	@Bean
	@ConditionalOnProperty(PluginDescriptor.DESCRIBE_TO_PROPERTY)
	PluginDescriptorWriter ekuiperPluginDescriptorWriter(PluginDefinition definition, ConfigBinder configBinder,
			Environment environment) {
		return new PluginDescriptorWriter(definition, configBinder,
				Path.of(environment.getRequiredProperty(PluginDescriptor.DESCRIBE_TO_PROPERTY)));
	}

	/** Matches unless the application runs in describe mode. */
	static final class NotDescribing extends NoneNestedConditions {

		NotDescribing() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(PluginDescriptor.DESCRIBE_TO_PROPERTY)
		static final class Describing {

		}

	}

	/**
	 * eKuiper passes one JSON argument, {@code {"sendTimeout":1000}}
	 * ({@code internal/plugin/portable/runtime/plugin_ins_manager.go}); its presence
	 * tells that eKuiper launched the process.
	 */
	private static String processArgument(ApplicationArguments arguments) {
		if (arguments == null) {
			return null;
		}
		for (String argument : arguments.getNonOptionArgs()) {
			if (argument.trim().startsWith("{")) {
				return argument;
			}
		}
		return null;
	}

}
