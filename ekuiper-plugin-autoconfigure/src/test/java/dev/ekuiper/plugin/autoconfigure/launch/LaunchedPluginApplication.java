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
package dev.ekuiper.plugin.autoconfigure.launch;

import java.util.List;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A plugin application run in a child JVM by {@link LaunchedPluginTests}, as eKuiper or a
 * developer would run it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LaunchedPluginApplication {

	/**
	 * Runs the application.
	 * @param args eKuiper's JSON argument, if any, and Boot's options
	 */
	public static void main(String[] args) {
		SpringApplication.run(LaunchedPluginApplication.class, args);
	}

	@Bean
	Function echo() {
		return (List<Object> args, FunctionContext context) -> args.get(0);
	}

}
