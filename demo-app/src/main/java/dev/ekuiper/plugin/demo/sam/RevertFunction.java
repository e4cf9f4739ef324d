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
