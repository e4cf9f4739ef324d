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
package dev.ekuiper.plugin.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link FunctionSignature} and {@link ArgumentKind}.
 */
class FunctionSignatureTests {

	@Test
	void fixedArityRejectsAnyOtherCountNamingTheFunction() {
		FunctionSignature one = FunctionSignature.builder().argument("text", ArgumentKind.STRING).build();
		one.checkCount("revert", 1);
		assertThatIllegalArgumentException().isThrownBy(() -> one.checkCount("revert", 0))
			.withMessage("revert() takes 1 argument, got 0");
		FunctionSignature two = FunctionSignature.of(FunctionSignature.Argument.of("a", ArgumentKind.ANY),
				FunctionSignature.Argument.of("b", ArgumentKind.ANY));
		assertThatIllegalArgumentException().isThrownBy(() -> two.checkCount("pair", 3))
			.withMessage("pair() takes 2 arguments, got 3");
		FunctionSignature none = FunctionSignature.builder().build();
		assertThatIllegalArgumentException().isThrownBy(() -> none.checkCount("now", 1))
			.withMessage("now() takes no arguments, got 1");
	}

	@Test
	void optionalAndRepeatedArgumentsMakeARange() {
		FunctionSignature range = FunctionSignature.builder()
			.argument("value", ArgumentKind.NUMBER)
			.optionalArgument("digits", ArgumentKind.INTEGER)
			.build();
		assertThat(range.minArguments()).isEqualTo(1);
		assertThat(range.maxArguments()).isEqualTo(2);
		range.checkCount("round", 2);
		assertThatIllegalArgumentException().isThrownBy(() -> range.checkCount("round", 3))
			.withMessage("round() takes 1 to 2 arguments, got 3");
		FunctionSignature varargs = FunctionSignature.builder()
			.argument("first", ArgumentKind.STRING)
			.varargs("more", ArgumentKind.STRING)
			.build();
		varargs.checkCount("concat", 7);
		assertThat(varargs.maxArguments()).isEqualTo(Integer.MAX_VALUE);
		assertThatIllegalArgumentException().isThrownBy(() -> varargs.checkCount("concat", 0))
			.withMessage("concat() takes at least 1 argument, got 0");
		assertThat(varargs).hasToString("(first string, more string...)");
	}

	@Test
	void anyTakesEverythingAndConvertsNothing() {
		List<Object> args = new ArrayList<>(List.of(1, "x", true));
		FunctionSignature.ANY.convert("f", args, false);
		assertThat(args).containsExactly(1, "x", true);
		assertThat(FunctionSignature.ANY.isConverting()).isFalse();
		FunctionSignature.ANY.checkCount("f", 0);
	}

	@Test
	void declaredKindsAreConvertedInPlace() {
		FunctionSignature signature = FunctionSignature.builder()
			.argument("number", ArgumentKind.NUMBER)
			.argument("whole", ArgumentKind.INTEGER)
			.argument("text", ArgumentKind.STRING)
			.argument("flag", ArgumentKind.BOOLEAN)
			.argument("list", ArgumentKind.LIST)
			.argument("map", ArgumentKind.MAP)
			.argument("anything")
			.build();
		List<Object> args = new ArrayList<>(List.of(3, 4.0, "s", false, List.of(1), Map.of("k", 1), 'c'));
		signature.convert("f", args, false);
		assertThat(args).containsExactly(3.0, 4L, "s", false, List.of(1), Map.of("k", 1), 'c');
		assertThat(args.get(0)).isInstanceOf(Double.class);
		assertThat(args.get(1)).isInstanceOf(Long.class);
	}

	@Test
	void nullPassesWhateverTheKind() {
		FunctionSignature signature = FunctionSignature.builder().argument("text", ArgumentKind.STRING).build();
		List<Object> args = new ArrayList<>(Arrays.asList((Object) null));
		signature.convert("f", args, false);
		assertThat(args).containsExactly((Object) null);
	}

	@Test
	void wrongKindIsRefusedNamingTheArgumentAndTheValue() {
		FunctionSignature signature = FunctionSignature.builder()
			.argument("text", ArgumentKind.STRING)
			.optionalArgument("count", ArgumentKind.INTEGER)
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signature.convert("revert", new ArrayList<>(List.of(12)), false))
			.withMessage("revert() argument 1 (text) must be a string, got an int 12");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signature.convert("revert", new ArrayList<>(List.of("a", 1.5)), false))
			.withMessage("revert() argument 2 (count) must be an int, got a number 1.5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signature.convert("revert", new ArrayList<>(List.of(List.of())), false))
			.withMessage("revert() argument 1 (text) must be a string, got an array");
	}

	@Test
	void aggregateArgumentsAreConvertedRowByRow() {
		FunctionSignature signature = FunctionSignature.builder().argument("value", ArgumentKind.NUMBER).build();
		List<Object> args = new ArrayList<>(List.of(List.of(1, 2.5)));
		signature.convert("avg", args, true);
		assertThat(args).containsExactly(List.of(1.0, 2.5));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signature.convert("avg", new ArrayList<>(List.of(List.of(1, "x"))), true))
			.withMessage("avg() argument 1 (value) row 2 must be a number, got a string 'x'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signature.convert("avg", new ArrayList<>(List.of(3)), true))
			.withMessage("avg() argument 1 (value) must be an array of values for an aggregate function");
	}

	@Test
	void builderRefusesArgumentsOutOfOrder() {
		assertThatIllegalStateException()
			.isThrownBy(() -> FunctionSignature.builder()
				.optionalArgument("a", ArgumentKind.ANY)
				.argument("b", ArgumentKind.ANY))
			.withMessage("The required 'b' may not follow the optional 'a'");
		assertThatIllegalStateException()
			.isThrownBy(() -> FunctionSignature.builder()
				.varargs("a", ArgumentKind.ANY)
				.optionalArgument("b", ArgumentKind.ANY))
			.withMessage("No argument may follow the repeated 'a'");
		assertThatIllegalArgumentException().isThrownBy(() -> FunctionSignature.builder().argument(" "));
	}

	@Test
	void lambdaGetsASignatureThroughFunctionOf() throws Exception {
		FunctionSignature signature = FunctionSignature.builder().argument("x", ArgumentKind.NUMBER).build();
		Function function = Function.of(signature, (args, context) -> args.get(0));
		assertThat(function.signature()).isSameAs(signature);
		assertThat(function.exec(List.of(1.0), null)).isEqualTo(1.0);
		assertThat(function.isAggregate()).isFalse();
		assertThat(((Function) (args, context) -> null).signature()).isSameAs(FunctionSignature.ANY);
	}

}
