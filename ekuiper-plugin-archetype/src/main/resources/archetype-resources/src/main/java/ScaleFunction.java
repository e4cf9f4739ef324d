package ${package};

import java.util.List;

import dev.ekuiper.plugin.api.ArgumentKind;
import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.FunctionSignature;

/**
 * The {@code scale} function: multiplies a number by a factor, 2 unless given, as in
 * {@code SELECT scale(count, 0.5) AS half FROM counters}. The signature is declared once:
 * eKuiper's validation at rule creation refuses a wrong number of arguments, and
 * {@link #exec} receives numbers as {@link Double}s (a text is refused with a clear error).
 */
public class ScaleFunction implements Function {

	private static final FunctionSignature SIGNATURE = FunctionSignature.builder()
		.argument("value", ArgumentKind.NUMBER)
		.optionalArgument("factor", ArgumentKind.NUMBER)
		.build();

	@Override
	public FunctionSignature signature() {
		return SIGNATURE;
	}

	@Override
	public Object exec(List<Object> args, FunctionContext context) {
		Double value = (Double) args.get(0);
		if (value == null) {
			return null;
		}
		Double factor = (args.size() > 1) ? (Double) args.get(1) : null;
		return value * ((factor != null) ? factor : 2.0);
	}

}
