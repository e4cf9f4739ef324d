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

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the {@code sensor} source, bound from the stream's properties with
 * Spring Boot's rules: {@code period} reads {@code 500ms}, {@code 2s} or {@code PT1M},
 * missing properties take their {@code @DefaultValue}, which also becomes
 * {@code sources/sensor.yaml}, and the constraints are checked before the source starts.
 *
 * @param period time between two readings of each sensor (not {@code interval}, which
 * eKuiper reads itself for every source and turns into a rate limiter)
 * @param sensors ids of the simulated sensors
 * @param minTemperature lowest temperature, in degrees Celsius
 * @param maxTemperature highest temperature, in degrees Celsius
 * @param minHumidity lowest relative humidity, in percent
 * @param maxHumidity highest relative humidity, in percent
 * @param seed seed of the simulation for repeatable readings, or 0 for a random one
 */
@Validated
public record SensorConfig(
		@JsonPropertyDescription("Time between two readings of each sensor, such as 500ms or 2s") @DefaultValue("1s") Duration period,
		@JsonPropertyDescription("Ids of the simulated sensors") @DefaultValue( {
				"sensor-1", "sensor-2" }) @NotEmpty List<String> sensors,
		@JsonPropertyDescription("Lowest temperature, in degrees Celsius") @DefaultValue("18.0") double minTemperature,
		@JsonPropertyDescription("Highest temperature, in degrees Celsius") @DefaultValue("26.0") double maxTemperature,
		@JsonPropertyDescription("Lowest relative humidity, in percent") @DefaultValue("30.0") @DecimalMin("0") double minHumidity,
		@JsonPropertyDescription("Highest relative humidity, in percent") @DefaultValue("60.0") @DecimalMax("100") double maxHumidity,
		@JsonPropertyDescription("Seed of the simulation for repeatable readings, or 0 for a random one") long seed){

	/**
	 * Checks what one constraint cannot: the period and the ranges.
	 * @throws IllegalArgumentException naming the property at fault
	 */
	void validate() {
		if (this.period.isNegative() || this.period.isZero()) {
			throw new IllegalArgumentException("period must be positive, got " + this.period);
		}
		if (this.minTemperature > this.maxTemperature) {
			throw new IllegalArgumentException(
					"minTemperature " + this.minTemperature + " is above maxTemperature " + this.maxTemperature);
		}
		if (this.minHumidity > this.maxHumidity) {
			throw new IllegalArgumentException(
					"minHumidity " + this.minHumidity + " is above maxHumidity " + this.maxHumidity);
		}
	}

}
