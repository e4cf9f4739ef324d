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
package dev.ekuiper.plugin.maven;

/**
 * A plugin cannot be packaged; the message says what is wrong and what to change.
 */
public class PackagingException extends Exception {

	/**
	 * Creates an exception.
	 * @param message what is wrong
	 */
	public PackagingException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what is wrong
	 * @param cause the cause
	 */
	public PackagingException(String message, Throwable cause) {
		super(message, cause);
	}

}
