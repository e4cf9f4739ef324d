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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Readings that wander smoothly within the configured ranges: each sensor takes a small
 * random step from its previous value at every tick.
 */
final class SensorSimulator {

	private final SensorConfig config;

	private final Clock clock;

	private final Random random;

	private final double[] temperatures;

	private final double[] humidities;

	SensorSimulator(SensorConfig config, Clock clock) {
		this.config = config;
		this.clock = clock;
		this.random = (config.seed() != 0) ? new Random(config.seed()) : new Random();
		int count = config.sensors().size();
		this.temperatures = new double[count];
		this.humidities = new double[count];
		for (int i = 0; i < count; i++) {
			this.temperatures[i] = between(config.minTemperature(), config.maxTemperature());
			this.humidities[i] = between(config.minHumidity(), config.maxHumidity());
		}
	}

	/**
	 * Reads every sensor once.
	 * @return one reading per sensor, in configuration order
	 */
	List<SensorReading> tick() {
		long now = this.clock.millis();
		List<SensorReading> readings = new ArrayList<>(this.temperatures.length);
		for (int i = 0; i < this.temperatures.length; i++) {
			this.temperatures[i] = step(this.temperatures[i], this.config.minTemperature(),
					this.config.maxTemperature());
			this.humidities[i] = step(this.humidities[i], this.config.minHumidity(), this.config.maxHumidity());
			readings.add(new SensorReading(this.config.sensors().get(i), round(this.temperatures[i]),
					round(this.humidities[i]), now));
		}
		return readings;
	}

	private double between(double min, double max) {
		return min + this.random.nextDouble() * (max - min);
	}

	private double step(double value, double min, double max) {
		double next = value + (this.random.nextDouble() - 0.5) * (max - min) / 10;
		return Math.min(max, Math.max(min, next));
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
