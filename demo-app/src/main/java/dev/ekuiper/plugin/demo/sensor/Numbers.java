package dev.ekuiper.plugin.demo.sensor;

/**
 * Reads numbers from function arguments, which eKuiper sends as JSON numbers or, from
 * some sources, as numeric strings.
 */
final class Numbers {

	private Numbers() {
	}

	static double toDouble(Object value, String function) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		try {
			return Double.parseDouble(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(function + " needs numbers, got '" + value + "'");
		}
	}

}
