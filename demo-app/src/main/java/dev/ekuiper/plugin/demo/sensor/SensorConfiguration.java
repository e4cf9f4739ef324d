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

import java.time.Clock;

import dev.ekuiper.plugin.api.Symbol;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/**
 * The sensor symbols. Each bean name is the symbol name eKuiper uses; sources and sinks
 * are prototypes because every rule gets its own instance, and their collaborators are
 * injected like in any Spring application.
 */
@Configuration(proxyBeanMethods = false)
public class SensorConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	JsonMapper jsonMapper() {
		return JsonMapper.builder().build();
	}

	@Bean
	@Scope(BeanDefinition.SCOPE_PROTOTYPE)
	@Symbol(description = "Simulated temperature and humidity sensors")
	SensorSource sensor(Clock clock) {
		return new SensorSource(clock);
	}

	@Bean
	@Scope(BeanDefinition.SCOPE_PROTOTYPE)
	@Symbol(description = "Appends each row to a file as a line of JSON")
	JsonFileSink jsonfile(JsonMapper jsonMapper) {
		return new JsonFileSink(jsonMapper);
	}

	@Bean
	@Scope(BeanDefinition.SCOPE_PROTOTYPE)
	@Symbol(description = "Appends rows to a file in batches, acknowledging each batch's messages once written")
	BatchFileSink batchfile(JsonMapper jsonMapper) {
		return new BatchFileSink(jsonMapper);
	}

	@Bean
	@Symbol(description = "Converts a temperature from degrees Celsius to degrees Fahrenheit")
	CelsiusToFahrenheitFunction c2f(FunctionProperties properties) {
		return new CelsiusToFahrenheitFunction(properties);
	}

	@Bean
	@Symbol(description = "Count, minimum, maximum and mean of a numeric column over each group")
	StatsFunction stats(FunctionProperties properties) {
		return new StatsFunction(properties);
	}

}
