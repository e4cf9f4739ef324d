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

import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.api.ArgumentKind;
import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.FunctionSignature;

/**
 * The {@code stats} aggregate function: the count, minimum, maximum and mean of a numeric
 * column over each group, as in
 * {@code SELECT sensorId, stats(temperature) FROM sensors GROUP BY sensorId, TumblingWindow(ss, 10)}.
 * eKuiper calls it once per group with the column's values as a list; its signature
 * declares one number, so every value arrives as a {@code Double} (nulls are skipped).
 */
public class StatsFunction implements Function {

	private final FunctionProperties properties;

	/**
	 * Creates the function.
	 * @param properties how to round results
	 */
	public StatsFunction(FunctionProperties properties) {
		this.properties = properties;
	}

	@Override
	public boolean isAggregate() {
		return true;
	}

	@Override
	public FunctionSignature signature() {
		return FunctionSignature.builder().argument("value", ArgumentKind.NUMBER).build();
	}

	@Override
	public Object exec(List<Object> args, FunctionContext context) {
		DoubleSummaryStatistics statistics = new DoubleSummaryStatistics();
		if (args.get(0) instanceof List<?> values) {
			for (Object value : values) {
				if (value != null) {
					statistics.accept((Double) value);
				}
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("count", statistics.getCount());
		if (statistics.getCount() > 0) {
			result.put("min", statistics.getMin());
			result.put("max", statistics.getMax());
			result.put("mean", this.properties.round(statistics.getAverage()));
		}
		return result;
	}

}
