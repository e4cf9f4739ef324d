package ${package};

import java.util.List;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;

/**
 * The {@code spread} aggregate function: the largest minus the smallest value of a
 * numeric column over each group, as in
 * {@code SELECT spread(count) FROM counters GROUP BY TumblingWindow(ss, 10)}. eKuiper
 * calls it once per group with the column's values as a list; nulls are skipped, and a
 * group without values has no spread.
 */
public class SpreadFunction implements Function {

	@Override
	public boolean isAggregate() {
		return true;
	}

	@Override
	public void validate(List<Object> args) {
		if (args.size() != 1) {
			throw new IllegalArgumentException("spread takes 1 argument, a column, got " + args.size());
		}
	}

	@Override
	public Object exec(List<Object> args, FunctionContext context) {
		if (!(args.get(0) instanceof List<?> values)) {
			throw new IllegalArgumentException("spread aggregates a column over a group, got the single value "
					+ args.get(0));
		}
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (Object value : values) {
			if (value instanceof Number number) {
				min = Math.min(min, number.doubleValue());
				max = Math.max(max, number.doubleValue());
			}
			else if (value != null) {
				throw new IllegalArgumentException("spread needs numbers, got '" + value + "'");
			}
		}
		return (min <= max) ? max - min : null;
	}

}
