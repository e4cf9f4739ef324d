package ${package};

import java.util.List;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;

/**
 * The {@code scale} function: multiplies a number by a factor, as in
 * {@code SELECT scale(count, 0.5) AS half FROM counters}. eKuiper validates the
 * arguments once when a rule is created, then calls {@link #exec} for each row.
 */
public class ScaleFunction implements Function {

	@Override
	public void validate(List<Object> args) {
		if (args.size() != 2) {
			throw new IllegalArgumentException("scale takes 2 arguments, a number and a factor, got " + args.size());
		}
	}

	@Override
	public Object exec(List<Object> args, FunctionContext context) {
		if (args.get(0) == null) {
			return null;
		}
		return number(args.get(0)) * number(args.get(1));
	}

	private static double number(Object value) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		throw new IllegalArgumentException("scale needs numbers, got '" + value + "'");
	}

}
