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

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.Symbol;
import dev.ekuiper.plugin.protocol.Channels;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.StringUtils;

/**
 * Builds a {@link PluginDefinition} from the context's {@link Source}, {@link Sink} and
 * {@link Function} beans. A symbol is named by its bean name unless {@link Symbol} says
 * otherwise. Sources and sinks must be prototype beans, since each rule needs its own
 * instance; the runtime asks the context for a new one on every start.
 */
final class SymbolBeans {

	private final ConfigurableListableBeanFactory beanFactory;

	private final Map<String, String> descriptions = new LinkedHashMap<>();

	SymbolBeans(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	PluginDefinition definition(String pluginName) {
		if (!StringUtils.hasText(pluginName)) {
			throw new InvalidPluginDefinitionException("the plugin has no name",
					"Set 'ekuiper.plugin.name' (or 'spring.application.name') to the name the plugin is installed under in eKuiper.");
		}
		requireSafeName(pluginName, "plugin name", "Change 'ekuiper.plugin.name'");
		PluginDefinition.Builder builder = PluginDefinition.builder(pluginName);
		Map<String, String> names = new LinkedHashMap<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(Source.class, true, false)) {
			String symbol = symbolName(beanName, "source", names);
			requirePrototype(beanName, "source", Source.class);
			builder.source(symbol, () -> this.beanFactory.getBean(beanName, Source.class));
		}
		names.clear();
		for (String beanName : this.beanFactory.getBeanNamesForType(Sink.class, true, false)) {
			String symbol = symbolName(beanName, "sink", names);
			requirePrototype(beanName, "sink", Sink.class);
			builder.sink(symbol, () -> this.beanFactory.getBean(beanName, Sink.class));
		}
		names.clear();
		for (String beanName : this.beanFactory.getBeanNamesForType(Function.class, true, false)) {
			String symbol = symbolName(beanName, "function", names);
			builder.function(symbol, this.beanFactory.getBean(beanName, Function.class));
		}
		this.descriptions.forEach(builder::describe);
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPluginDefinitionException("plugin '" + pluginName + "' has no symbol",
					"Declare at least one @Bean implementing dev.ekuiper.plugin.api.Source, Sink or Function.");
		}
	}

	private String symbolName(String beanName, String kind, Map<String, String> names) {
		Symbol annotation = this.beanFactory.findAnnotationOnBean(beanName, Symbol.class, false);
		String symbol = (annotation != null && StringUtils.hasText(annotation.value())) ? annotation.value() : beanName;
		if (annotation != null && StringUtils.hasText(annotation.description())) {
			this.descriptions.put(symbol, annotation.description());
		}
		requireSafeName(symbol, kind + " symbol name",
				"Rename the bean '" + beanName + "' or name it with @Symbol(\"…\")");
		String previous = names.putIfAbsent(symbol, beanName);
		if (previous != null) {
			throw new InvalidPluginDefinitionException("beans '" + previous + "' and '" + beanName
					+ "' both declare the " + kind + " symbol '" + symbol + "'",
					"Rename one of the beans, or give one of them another name with @Symbol(\"…\").");
		}
		return symbol;
	}

	/** Names become socket file names: nothing that could leave the socket directory. */
	private static void requireSafeName(String name, String what, String action) {
		if (!Channels.isSafeName(name)) {
			throw new InvalidPluginDefinitionException(
					"the " + what + " '" + name + "' contains '/', '\\', '..' or NUL, but it names a socket file",
					action + " to a plain name.");
		}
	}

	private void requirePrototype(String beanName, String kind, Class<?> type) {
		boolean prototype = this.beanFactory.containsBeanDefinition(beanName)
				&& this.beanFactory.getMergedBeanDefinition(beanName).isPrototype();
		if (!prototype) {
			throw new InvalidPluginDefinitionException(
					"the " + kind + " bean '" + beanName + "' is a singleton, but every rule needs its own "
							+ type.getSimpleName() + " instance",
					"Annotate the @Bean method (or the component class) with @Scope(\"" + BeanDefinition.SCOPE_PROTOTYPE
							+ "\").");
		}
	}

}
