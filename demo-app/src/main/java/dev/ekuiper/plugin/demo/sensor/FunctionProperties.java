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
