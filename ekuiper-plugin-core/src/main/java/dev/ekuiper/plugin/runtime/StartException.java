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

/**
 * A start command could not be carried out; the message is the error answer for the host,
 * worded one way for every step:
 * {@code cannot start <kind> '<name>' for rule '<rule>': <step> failed: <detail>}, or
 * {@code … <step> timed out after <n> ms}.
 */
final class StartException extends Exception {

	StartException(String message) {
		super(message);
	}

	StartException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Reports a failed step.
	 * @param symbol the symbol's kind and name, e.g. {@code source 'sensor'}
	 * @param ruleId the rule, empty for a function
	 * @param step e.g. {@code configure}
	 * @param detail what went wrong, secrets masked
	 * @param cause what was thrown, or {@code null}
	 * @return the exception
	 */
	static StartException failed(String symbol, String ruleId, String step, String detail, Throwable cause) {
		return new StartException(prefix(symbol, ruleId) + step + " failed: " + detail, cause);
	}

	/**
	 * Reports a step that took too long.
	 * @param symbol the symbol's kind and name
	 * @param ruleId the rule, empty for a function
	 * @param step e.g. {@code open}
	 * @param millis how long it was given
	 * @return the exception
	 */
	static StartException timedOut(String symbol, String ruleId, String step, long millis) {
		return new StartException(prefix(symbol, ruleId) + step + " timed out after " + millis + " ms");
	}

	/**
	 * Reports a start refused before any step ran.
	 * @param symbol the symbol's kind and name
	 * @param ruleId the rule, empty for a function
	 * @param reason why
	 * @return the exception
	 */
	static StartException refused(String symbol, String ruleId, String reason) {
		return new StartException(prefix(symbol, ruleId) + reason);
	}

	private static String prefix(String symbol, String ruleId) {
		return "cannot start " + symbol + (ruleId.isEmpty() ? "" : " for rule '" + ruleId + "'") + ": ";
	}

}
