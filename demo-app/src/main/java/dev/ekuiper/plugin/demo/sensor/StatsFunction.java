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
