package ${package};

import java.util.List;

import dev.ekuiper.plugin.api.ArgumentKind;
import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.FunctionSignature;

/**
 * The {@code spread} aggregate function: the largest minus the smallest value of a
 * numeric column over each group, as in
 * {@code SELECT spread(count) FROM counters GROUP BY TumblingWindow(ss, 10)}. eKuiper
 * calls it once per group with the column's values as a list; the declared signature has
 * every value checked and converted to a {@link Double}. Nulls are skipped, and a group
 * without values has no spread.
 */
public class SpreadFunction implements Function {

	private static final FunctionSignature SIGNATURE = FunctionSignature.builder()
		.argument("column", ArgumentKind.NUMBER)
		.build();

	@Override
	public FunctionSignature signature() {
		return SIGNATURE;
	}

	@Override
	public boolean isAggregate() {
		return true;
	}

	@Override
	public Object exec(List<Object> args, FunctionContext context) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (Object value : (List<?>) args.get(0)) {
			if (value != null) {
				min = Math.min(min, (Double) value);
				max = Math.max(max, (Double) value);
			}
		}
		return (min <= max) ? max - min : null;
	}

}
