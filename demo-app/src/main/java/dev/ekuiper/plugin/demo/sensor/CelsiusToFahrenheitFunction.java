package dev.ekuiper.plugin.demo.sensor;

import java.util.List;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;

/**
 * The {@code c2f} function: converts a temperature from degrees Celsius to degrees
 * Fahrenheit, as in {@code SELECT c2f(temperature) AS fahrenheit FROM sensors}.
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
	public void validate(List<Object> args) {
		if (args.size() != 1) {
			throw new IllegalArgumentException("c2f takes 1 argument, got " + args.size());
		}
	}

	@Override
	public Object exec(List<Object> args, FunctionContext context) {
		Object value = args.get(0);
		if (value == null) {
			return null;
		}
		double celsius = Numbers.toDouble(value, "c2f");
		return this.properties.round(celsius * 9 / 5 + 32);
	}

}
