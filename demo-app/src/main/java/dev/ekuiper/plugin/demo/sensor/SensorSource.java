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
