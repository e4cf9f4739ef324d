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

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Plugin-wide settings of the demo functions, from {@code application.yaml}; unlike a
 * source's or sink's configuration, they are the same for every rule.
 *
 * @param decimals Number of decimals the functions round their results to.
 */
@ConfigurationProperties("demo.functions")
public record FunctionProperties(@DefaultValue("2") int decimals) {

	/**
	 * Rounds a value to the configured number of decimals.
	 * @param value the value
	 * @return the rounded value
	 */
	public double round(double value) {
		double scale = Math.pow(10, this.decimals);
		return Math.round(value * scale) / scale;
	}

}
