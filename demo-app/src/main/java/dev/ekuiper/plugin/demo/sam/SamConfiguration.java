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
package dev.ekuiper.plugin.demo.sam;

import dev.ekuiper.plugin.api.Symbol;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/**
 * The symbols of the Python SDK's {@code pysam} example. Where {@code pysam.py} maps each
 * symbol name to a factory in its {@code PluginConfig}, each bean name here is a symbol
 * name: sources and sinks are prototypes (a fresh instance per rule, like the Python
 * lambdas), the function is one shared instance (like {@code revertIns}).
 */
@Configuration(proxyBeanMethods = false)
public class SamConfiguration {

	@Bean
	@Scope(BeanDefinition.SCOPE_PROTOTYPE)
	@Symbol(description = "Emits {\"name\":\"pyjson\",\"value\":2021} every 200 ms, like the Python SDK example")
	PyJsonSource pyjson() {
		return new PyJsonSource();
	}

	@Bean
	@Scope(BeanDefinition.SCOPE_PROTOTYPE)
	@Symbol(description = "Logs every message it receives, like the Python SDK example")
	PrintSink print() {
		return new PrintSink();
	}

	@Bean
	@Symbol(description = "Reverses a string, like the Python SDK example")
	RevertFunction revert() {
		return new RevertFunction();
	}

}
