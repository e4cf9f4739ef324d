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
import java.util.List;

/**
 * The arguments a function takes, declared once in code by {@link Function#signature()}:
 * how many (a fixed number, a range through optional arguments, or any number more
 * through a repeated last argument) and, optionally, of what {@link ArgumentKind kind}.
 * The runtime checks the count when eKuiper validates a rule's SQL and on every call, and
 * hands {@link Function#exec} converted values when kinds are declared; the packaging
 * lists the arguments in {@code functions/<name>.json}.
 *
 * <pre class="code">
 * FunctionSignature.builder()
 *     .argument("value", ArgumentKind.NUMBER)
 *     .optionalArgument("digits", ArgumentKind.INTEGER)
 *     .build();
 * </pre>
 */
public final class FunctionSignature {

	/** Any number of arguments of any kind: nothing is checked or converted. */
	public static final FunctionSignature ANY = new FunctionSignature(
			List.of(new Argument("args", ArgumentKind.ANY, true, true)));

	private final List<Argument> arguments;

	private final int required;

	private final boolean repeated;

	private final boolean converting;

	private FunctionSignature(List<Argument> arguments) {
		this.arguments = List.copyOf(arguments);
		this.required = (int) arguments.stream().filter((argument) -> !argument.optional()).count();
		this.repeated = !arguments.isEmpty() && arguments.get(arguments.size() - 1).repeated();
		this.converting = arguments.stream().anyMatch((argument) -> argument.kind() != ArgumentKind.ANY);
	}

	/**
	 * Starts a signature.
	 * @return a builder for the arguments in order
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a signature of required arguments.
	 * @param arguments the arguments in order
	 * @return the signature
	 */
	public static FunctionSignature of(Argument... arguments) {
		Builder builder = builder();
		for (Argument argument : arguments) {
			builder.add(argument);
		}
		return builder.build();
	}

	/**
	 * Returns the declared arguments in order.
	 * @return the arguments
	 */
	public List<Argument> arguments() {
		return this.arguments;
	}

	/**
	 * Returns the fewest arguments a call may have.
	 * @return the number of required arguments
	 */
	public int minArguments() {
		return this.required;
	}

	/**
	 * Returns the most arguments a call may have.
	 * @return the number of declared arguments, or {@link Integer#MAX_VALUE} when the
	 * last one repeats
	 */
	public int maxArguments() {
		return this.repeated ? Integer.MAX_VALUE : this.arguments.size();
	}

	/**
	 * Returns whether some argument declares a kind, so calls get converted values.
	 * @return {@code false} when every argument is {@link ArgumentKind#ANY}
	 */
	public boolean isConverting() {
		return this.converting;
	}

	/**
	 * Checks the number of arguments.
	 * @param function the function's name, for the message
	 * @param count the number of arguments of a call
	 * @throws IllegalArgumentException e.g. {@code revert() takes 1 argument, got 0}
	 */
	public void checkCount(String function, int count) {
		if (count >= this.required && count <= maxArguments()) {
			return;
		}
		String takes;
		if (this.repeated) {
			takes = "at least " + arguments(this.required);
		}
		else if (this.required == this.arguments.size()) {
			takes = (this.required == 0) ? "no arguments" : arguments(this.required);
		}
		else {
			takes = this.required + " to " + arguments(this.arguments.size());
		}
		throw new IllegalArgumentException(function + "() takes " + takes + ", got " + count);
	}

	/**
	 * Checks a call's arguments and converts each to its declared kind, in place. For an
	 * aggregate function each argument is a list of one value per row, and every value is
	 * checked and converted.
	 * @param function the function's name, for the message
	 * @param args the arguments; changed in place
	 * @param aggregate whether each argument is a list of values
	 * @throws IllegalArgumentException naming the function, the argument and what it is,
	 * e.g. {@code revert() argument 1 (text) must be a string, got a number 12}
	 */
	public void convert(String function, List<Object> args, boolean aggregate) {
		checkCount(function, args.size());
		if (!this.converting) {
			return;
		}
		for (int i = 0; i < args.size(); i++) {
			Argument argument = this.arguments.get(Math.min(i, this.arguments.size() - 1));
			if (argument.kind() == ArgumentKind.ANY) {
				continue;
			}
			Object value = args.get(i);
			String where = function + "() argument " + (i + 1) + " (" + argument.name() + ")";
			if (!aggregate) {
				args.set(i, convert(argument, value, where));
			}
			else if (value instanceof List<?> rows) {
				List<Object> converted = new ArrayList<>(rows.size());
				for (int row = 0; row < rows.size(); row++) {
					converted.add(convert(argument, rows.get(row), where + " row " + (row + 1)));
				}
				args.set(i, converted);
			}
			else if (value != null) {
				throw new IllegalArgumentException(where + " must be an array of values for an aggregate function");
			}
		}
	}

	private static Object convert(Argument argument, Object value, String where) {
		try {
			return argument.kind().convert(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + " " + ex.getMessage());
		}
	}

	private static String arguments(int count) {
		return count + ((count == 1) ? " argument" : " arguments");
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("(");
		for (Argument argument : this.arguments) {
			if (text.length() > 1) {
				text.append(", ");
			}
			text.append(argument);
		}
		return text.append(')').toString();
	}

	/**
	 * One declared argument.
	 *
	 * @param name its name, shown in messages and eKuiper's UI
	 * @param kind what it must be
	 * @param optional whether a call may leave it out (and every one after it)
	 * @param repeated whether it is the last and may repeat any number of times
	 */
	public record Argument(String name, ArgumentKind kind, boolean optional, boolean repeated) {

		/**
		 * Declares a required argument.
		 * @param name its name
		 * @param kind what it must be
		 * @return the argument
		 */
		public static Argument of(String name, ArgumentKind kind) {
			return new Argument(name, kind, false, false);
		}

		@Override
		public String toString() {
			String kindName = (this.kind != ArgumentKind.ANY) ? " " + this.kind.typeName() : "";
			return this.name + kindName + (this.repeated ? "..." : this.optional ? "?" : "");
		}

	}

	/**
	 * Declares arguments in order: required ones, then optional ones, then at most one
	 * repeated one.
	 */
	public static final class Builder {

		private final List<Argument> arguments = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Adds a required argument of any kind.
		 * @param name its name
		 * @return this builder
		 */
		public Builder argument(String name) {
			return argument(name, ArgumentKind.ANY);
		}

		/**
		 * Adds a required argument.
		 * @param name its name
		 * @param kind what it must be
		 * @return this builder
		 */
		public Builder argument(String name, ArgumentKind kind) {
			return add(new Argument(name, kind, false, false));
		}

		/**
		 * Adds an optional argument; only optional or repeated ones may follow.
		 * @param name its name
		 * @param kind what it must be
		 * @return this builder
		 */
		public Builder optionalArgument(String name, ArgumentKind kind) {
			return add(new Argument(name, kind, true, false));
		}

		/**
		 * Adds a last argument that a call may repeat any number of times, none included.
		 * @param name its name
		 * @param kind what each must be
		 * @return this builder
		 */
		public Builder varargs(String name, ArgumentKind kind) {
			return add(new Argument(name, kind, true, true));
		}

		private Builder add(Argument argument) {
			if (argument.name() == null || argument.name().isBlank() || argument.kind() == null) {
				throw new IllegalArgumentException("An argument needs a name and a kind");
			}
			if (!this.arguments.isEmpty()) {
				Argument last = this.arguments.get(this.arguments.size() - 1);
				if (last.repeated()) {
					throw new IllegalStateException("No argument may follow the repeated '" + last.name() + "'");
				}
				if (last.optional() && !argument.optional()) {
					throw new IllegalStateException(
							"The required '" + argument.name() + "' may not follow the optional '" + last.name() + "'");
				}
			}
			this.arguments.add(argument);
			return this;
		}

		/**
		 * Builds the signature.
		 * @return the signature
		 */
		public FunctionSignature build() {
			return new FunctionSignature(this.arguments);
		}

	}

}
