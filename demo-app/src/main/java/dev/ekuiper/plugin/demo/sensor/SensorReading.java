package dev.ekuiper.plugin.demo.sensor;

/**
 * One record of the {@code sensor} source, sent to eKuiper as a JSON object.
 *
 * @param sensorId the id of the sensor
 * @param temperature the temperature, in degrees Celsius
 * @param humidity the relative humidity, in percent
 * @param timestamp when it was read, in milliseconds since the epoch
 */
public record SensorReading(String sensorId, double temperature, double humidity, long timestamp) {
}
