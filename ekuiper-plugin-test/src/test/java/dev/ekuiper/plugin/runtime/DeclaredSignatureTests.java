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
package dev.ekuiper.plugin.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ekuiper.plugin.api.ArgumentKind;
import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.FunctionSignature;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functions that declare their signature: the count is checked when eKuiper validates the
 * SQL and on every call, declared kinds reach {@code exec} converted, and a wrong call or
 * a failing function is answered with one line that explains it and logged once.
 */
class DeclaredSignatureTests extends RuntimeTestSupport {

	private final Logger symbolLogger = (Logger) LoggerFactory.getLogger("ekuiper.plugin.symbol.first");

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	/** What {@code round} received, as {@code <class>=<value>}. */
	private final List<String> received = new ArrayList<>();

	@BeforeEach
	void captureTheSymbolsLog() {
		this.logged.start();
		this.symbolLogger.addAppender(this.logged);
	}

	@AfterEach
	void releaseTheSymbolsLog() {
		this.symbolLogger.detachAppender(this.logged);
	}

	@Override
	PluginRuntime newRuntime(RuntimeSettings settings) {
		Function round = new Function() {

			@Override
			public Object exec(List<Object> args, FunctionContext context) {
				args.forEach((arg) -> DeclaredSignatureTests.this.received
					.add((arg != null) ? arg.getClass().getSimpleName() + "=" + arg : "null"));
				double value = (Double) args.get(0);
				long digits = (args.size() > 1 && args.get(1) != null) ? (Long) args.get(1) : 0;
				double scale = Math.pow(10, digits);
				return Math.round(value * scale) / scale;
			}

			@Override
			public FunctionSignature signature() {
				return FunctionSignature.builder()
					.argument("value", ArgumentKind.NUMBER)
					.optionalArgument("digits", ArgumentKind.INTEGER)
					.build();
			}

		};
		Function first = Function.of(FunctionSignature.builder().argument("list", ArgumentKind.LIST).build(),
				(args, context) -> ((List<?>) args.get(0)).get(0));
		Function total = new Function() {

			@Override
			public Object exec(List<Object> args, FunctionContext context) {
				return ((List<?>) args.get(0)).stream().mapToDouble((value) -> (Double) value).sum();
			}

			@Override
			public FunctionSignature signature() {
				return FunctionSignature.builder().argument("value", ArgumentKind.NUMBER).build();
			}

			@Override
			public boolean isAggregate() {
				return true;
			}

		};
		PluginDefinition definition = PluginDefinition.builder(PLUGIN)
			.source("probe", () -> this.probes.new ProbeSource(this.probes.sourcesCreated.incrementAndGet()))
			.function("round", round)
			.function("first", first)
			.function("total", total)
			.function("loose", (args, context) -> args.size())
			.build();
		return new PluginRuntime(definition, settings, this.observer);
	}

	@Test
	void validateRefusesAWrongCountWithAClearMessage() {
		FunctionConnection round = this.host.startFunction("round");
		assertThat(round.validate(List.of()))
			.isEqualTo(new FunctionResult(false, "round() takes 1 to 2 arguments, got 0"));
		assertThat(round.validate(List.of(Map.of("Val", 1), Map.of("Val", 2), Map.of("Val", 3))))
			.isEqualTo(new FunctionResult(false, "round() takes 1 to 2 arguments, got 3"));
		assertThat(round.validate(List.of(Map.of("Name", "col1")))).isEqualTo(new FunctionResult(true, ""));
		FunctionConnection loose = this.host.startFunction("loose");
		assertThat(loose.validate(List.of()).state()).as("no signature, any count").isTrue();
	}

	@Test
	void execReceivesTheDeclaredKinds() {
		FunctionConnection round = this.host.startFunction("round");
		assertThat(round.exec(List.of(2.345, 2), "rule1", "op1")).isEqualTo(new FunctionResult(true, 2.35));
		assertThat(round.exec(List.of(7, 1.0), "rule1", "op1")).isEqualTo(new FunctionResult(true, 7.0));
		assertThat(round.exec(Arrays.asList(3, null), "rule1", "op1")).isEqualTo(new FunctionResult(true, 3.0));
		assertThat(this.received).containsExactly("Double=2.345", "Long=2", "Double=7.0", "Long=1", "Double=3.0",
				"null");
	}

	@Test
	void wrongKindOrCountAtExecIsAnsweredWithAClearErrorNotAClassCastException() {
		FunctionConnection round = this.host.startFunction("round");
		assertThat(round.exec(List.of("ten"), "rule1", "op1"))
			.isEqualTo(new FunctionResult(false, "round() argument 1 (value) must be a number, got a string 'ten'"));
		assertThat(round.exec(List.of(1, 0.5), "rule1", "op1"))
			.isEqualTo(new FunctionResult(false, "round() argument 2 (digits) must be an int, got a number 0.5"));
		assertThat(round.exec(List.of(), "rule1", "op1"))
			.isEqualTo(new FunctionResult(false, "round() takes 1 to 2 arguments, got 0"));
		assertThat(this.received).isEmpty();
		assertThat(round.exec(List.of(1), "rule1", "op1")).isEqualTo(new FunctionResult(true, 1.0));
	}

	@Test
	void aggregateFunctionGetsEachRowConverted() {
		FunctionConnection total = this.host.startFunction("total");
		assertThat(total.isAggregate()).isTrue();
		assertThat(total.exec(List.of(List.of(1, 2.5, 3)), "rule1", "op1")).isEqualTo(new FunctionResult(true, 6.5));
		assertThat(total.exec(List.of(List.of(1, true)), "rule1", "op1"))
			.isEqualTo(new FunctionResult(false, "total() argument 1 (value) row 2 must be a number, got a bool true"));
	}

	@Test
	void exceptionIsAnsweredNamingFunctionAndTypeAndLoggedOnceWithItsStackTrace() {
		FunctionConnection first = this.host.startFunction("first");
		FunctionResult reply = first.exec(List.of(List.of()), "rule1", "op1");
		assertThat(reply).isEqualTo(new FunctionResult(false,
				"function 'first': IndexOutOfBoundsException: Index 0 out of bounds for length 0"));
		for (int i = 0; i < 5; i++) {
			assertThat(first.exec(List.of(List.of()), "rule1", "op1")).isEqualTo(reply);
		}
		assertThat(first.exec(List.of(List.of()), "rule2", "op1")).isEqualTo(reply);
		assertThat(this.logged.list).as("once per rule within 10 s").hasSize(2).allSatisfy((event) -> {
			assertThat(event.getLevel()).hasToString("WARN");
			assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IndexOutOfBoundsException.class.getName());
		});
		assertThat(this.logged.list.get(0).getFormattedMessage()).isEqualTo(
				"function 'first': IndexOutOfBoundsException: Index 0 out of bounds for length 0 (rule 'rule1')");
		assertThat(first.exec(List.of(List.of("a")), "rule1", "op1")).isEqualTo(new FunctionResult(true, "a"));
		assertStillServing();
	}

}
