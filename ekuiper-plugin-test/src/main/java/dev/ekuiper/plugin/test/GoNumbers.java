package dev.ekuiper.plugin.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows decoded values the way Go's encoder writes a {@code float64}: whole numbers
 * without a fraction or an exponent, so a timestamp reads {@code 1700000000000} rather
 * than {@code 1.7E12}.
 */
final class GoNumbers {

	private static final double MAX_EXACT = 1L << 53;

	private GoNumbers() {
	}

	static Object display(Object value) {
		if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) <= MAX_EXACT) {
			return number.longValue();
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, element) -> copy.put(key, display(element)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			list.forEach((element) -> copy.add(display(element)));
			return copy;
		}
		return value;
	}

}
