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
package dev.ekuiper.plugin.autoconfigure;

/**
 * The application's symbol beans do not make a valid plugin; reported at start-up with
 * what to change.
 */
public class InvalidPluginDefinitionException extends RuntimeException {

	/** What to change. */
	private final String action;

	/**
	 * Creates an exception.
	 * @param problem what is wrong
	 * @param action what to change
	 */
	public InvalidPluginDefinitionException(String problem, String action) {
		super(problem);
		this.action = action;
	}

	/**
	 * Returns what to change.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
