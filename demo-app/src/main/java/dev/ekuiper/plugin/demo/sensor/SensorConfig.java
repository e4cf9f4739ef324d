package dev.ekuiper.plugin.demo.sensor;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Configuration of the {@code sensor} source, bound from the stream's properties. Missing
 * properties take the defaults set here, which also become {@code sources/sensor.yaml}.
 *
 * @param period milliseconds between two readings of each sensor (not {@code interval},
 * which eKuiper reads itself for every source and turns into a rate limiter)
 * @param sensors ids of the simulated sensors
 * @param minTemperature lowest temperature, in degrees Celsius
 * @param maxTemperature highest temperature, in degrees Celsius
 * @param minHumidity lowest relative humidity, in percent
 * @param maxHumidity highest relative humidity, in percent
 * @param seed seed of the simulation for repeatable readings, or 0 for a random one
 */
public record SensorConfig(
		@JsonPropertyDescription("Milliseconds between two readings of each sensor") Integer period,
		@JsonPropertyDescription("Ids of the simulated sensors") List<String> sensors,
		@JsonPropertyDescription("Lowest temperature, in degrees Celsius") Double minTemperature,
		@JsonPropertyDescription("Highest temperature, in degrees Celsius") Double maxTemperature,
		@JsonPropertyDescription("Lowest relative humidity, in percent") Double minHumidity,
		@JsonPropertyDescription("Highest relative humidity, in percent") Double maxHumidity,
		@JsonPropertyDescription("Seed of the simulation for repeatable readings, or 0 for a random one") Long seed) {

	/**
	 * Applies the defaults to missing properties.
	 */
	public SensorConfig {
		period = (period != null) ? period : 1000;
		sensors = (sensors != null) ? List.copyOf(sensors) : List.of("sensor-1", "sensor-2");
		minTemperature = (minTemperature != null) ? minTemperature : 18.0;
		maxTemperature = (maxTemperature != null) ? maxTemperature : 26.0;
		minHumidity = (minHumidity != null) ? minHumidity : 30.0;
		maxHumidity = (maxHumidity != null) ? maxHumidity : 60.0;
		seed = (seed != null) ? seed : 0L;
	}

	/**
	 * Checks that the values make sense together.
	 * @throws IllegalArgumentException naming the property at fault
	 */
	void validate() {
		if (this.period <= 0) {
			throw new IllegalArgumentException("period must be positive, got " + this.period);
		}
		if (this.sensors.isEmpty()) {
			throw new IllegalArgumentException("sensors must name at least one sensor");
		}
		if (this.minTemperature > this.maxTemperature) {
			throw new IllegalArgumentException("minTemperature " + this.minTemperature
					+ " is above maxTemperature " + this.maxTemperature);
		}
		if (this.minHumidity > this.maxHumidity) {
			throw new IllegalArgumentException("minHumidity " + this.minHumidity + " is above maxHumidity "
					+ this.maxHumidity);
		}
	}

}
