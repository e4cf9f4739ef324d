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

import java.util.List;

import dev.ekuiper.plugin.api.ArgumentKind;
import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.FunctionSignature;

/**
 * The {@code c2f} function: converts a temperature from degrees Celsius to degrees
 * Fahrenheit, as in {@code SELECT c2f(temperature) AS fahrenheit FROM sensors}. Its
 * signature takes one number, so {@code exec} gets a {@code Double} (or {@code null}) and
 * any other call is refused with a message that says why.
 */
public class CelsiusToFahrenheitFunction implements Function {

	private final FunctionProperties properties;

	/**
	 * Creates the function.
	 * @param properties how to round results
	 */
	public CelsiusToFahrenheitFunction(FunctionProperties properties) {
		this.properties = properties;
	}

	@Override
	public FunctionSignature signature() {
		return FunctionSignature.builder().argument("celsius", ArgumentKind.NUMBER).build();
	}

	@Override
	public Object exec(List<Object> args, FunctionContext context) {
		Double celsius = (Double) args.get(0);
		return (celsius != null) ? this.properties.round(celsius * 9 / 5 + 32) : null;
	}

}
