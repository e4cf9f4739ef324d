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
import java.time.Duration;

import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;

/**
 * The {@code sensor} source: simulated temperature and humidity sensors, one record per
 * sensor every {@code period}. A fresh instance serves each rule.
 */
public class SensorSource implements Source<SensorConfig> {

	private final Clock clock;

	private SensorConfig config;

	/**
	 * Creates a source.
	 * @param clock the time the readings are stamped with
	 */
	public SensorSource(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void configure(SensorConfig config) {
		config.validate();
		this.config = config;
	}

	@Override
	public void open(SourceContext context) throws InterruptedException {
		SensorSimulator simulator = new SensorSimulator(this.config, this.clock);
		Duration period = this.config.period();
		context.logger()
			.info("Simulating sensors {} every {} for rule {}", this.config.sensors(), period, context.ruleId());
		while (context.isRunning()) {
			for (SensorReading reading : simulator.tick()) {
				context.emit(reading);
			}
			context.awaitStop(period);
		}
	}

}
