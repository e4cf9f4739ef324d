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
