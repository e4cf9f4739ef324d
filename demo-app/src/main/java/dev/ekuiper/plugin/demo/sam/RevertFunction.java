package dev.ekuiper.plugin.demo.sam;

import java.util.List;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.FunctionSignature;

/**
 * The {@code revert} function of {@code pysam/revert.py}: {@code revert('abc')} is
 * {@code 'cba'}. It takes one argument of any kind, reversing its text, and is not an
 * aggregate. Unlike Python's, {@code revert()} without an argument fails when the rule is
 * created, with {@code revert() takes 1 argument, got 0}.
 */
public class RevertFunction implements Function {

	private static final FunctionSignature SIGNATURE = FunctionSignature.builder().argument("text").build();

	@Override
	public FunctionSignature signature() {
		return SIGNATURE;
	}

	@Override
	public Object exec(List<Object> args, FunctionContext context) {
		return new StringBuilder(String.valueOf(args.get(0))).reverse().toString();
	}

	@Override
	public boolean isAggregate() {
		return false;
	}

}
