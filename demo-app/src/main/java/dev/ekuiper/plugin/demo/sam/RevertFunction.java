package dev.ekuiper.plugin.demo.sam;

import java.util.List;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;

/**
 * The {@code revert} function of {@code pysam/revert.py}: {@code revert('abc')} is
 * {@code 'cba'}. It accepts any arguments and is not an aggregate, as in Python.
 */
public class RevertFunction implements Function {

	@Override
	public void validate(List<Object> args) {
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
