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
package dev.ekuiper.plugin.test;

/**
 * The plugin answered a control command with something other than {@code ok}; the message
 * is eKuiper's {@code receive error: <answer>}.
 */
public class HostCommandException extends HostException {

	/** The plugin's exact answer text. */
	private final String answer;

	/**
	 * Creates an exception for an answer.
	 * @param answer the plugin's exact answer text
	 */
	public HostCommandException(String answer) {
		super("receive error: " + answer);
		this.answer = answer;
	}

	/**
	 * Returns the plugin's exact answer.
	 * @return the answer text
	 */
	public String answer() {
		return this.answer;
	}

}
