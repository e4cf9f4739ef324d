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
