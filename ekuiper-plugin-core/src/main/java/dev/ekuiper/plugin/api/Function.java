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

import java.util.List;

/**
 * A function callable from a rule's SQL by its symbol name. One instance serves every
 * rule for the plugin process's life, and eKuiper calls it strictly one call at a time.
 */
@FunctionalInterface
public interface Function {

	/**
	 * Computes the result. Arguments arrive as eKuiper encodes them in JSON: numbers as
	 * {@code Double}, {@code Long} or {@code Integer}, strings, booleans, {@code null},
	 * lists and maps, or converted to the kinds the {@link #signature()} declares; for an
	 * aggregate function each argument is a list with one value per row of the group.
	 * Their number has been checked against the signature.
	 * @param args the evaluated arguments
	 * @param context the calling rule
	 * @return a JSON-serialisable result
	 * @throws Exception on failure; the rule's SQL error names the function, the
	 * exception type and its message
	 */
	Object exec(List<Object> args, FunctionContext context) throws Exception;

	/**
	 * Declares the arguments, once: their number, and optionally their kinds. Called once
	 * when the plugin starts and when it is packaged.
	 * @return {@link FunctionSignature#ANY} by default: any arguments, unchecked
	 */
	default FunctionSignature signature() {
		return FunctionSignature.ANY;
	}

	/**
	 * Checks the arguments when a rule's SQL is validated, after the runtime has checked
	 * their number against the {@link #signature()}. eKuiper sends the parser's syntax
	 * nodes ({@code validateFuncs} in {@code internal/xsql/func_invoker.go}), so only
	 * their number is reliable; a refusal fails the rule's creation with {@code validate
	 * return state is false, got &{State:false Result:<message>}}
	 * ({@code internal/plugin/portable/runtime/function.go}).
	 * @param args the argument syntax nodes
	 * @throws Exception to reject the SQL with the exception's message
	 */
	default void validate(List<Object> args) throws Exception {
	}

	/**
	 * Returns whether this is an aggregate function (called once per group with lists).
	 * @return {@code false} by default
	 */
	default boolean isAggregate() {
		return false;
	}

	/**
	 * Gives a lambda a signature.
	 * @param signature the arguments it takes
	 * @param function computes the result
	 * @return a function with that signature
	 */
	static Function of(FunctionSignature signature, Function function) {
		return new Function() {

			@Override
			public Object exec(List<Object> args, FunctionContext context) throws Exception {
				return function.exec(args, context);
			}

			@Override
			public FunctionSignature signature() {
				return signature;
			}

			@Override
			public void validate(List<Object> args) throws Exception {
				function.validate(args);
			}

			@Override
			public boolean isAggregate() {
				return function.isAggregate();
			}

		};
	}

}
