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
package dev.ekuiper.plugin.nng;

import java.io.IOException;

/**
 * A failed NNG socket operation. Subclasses name the cases callers act on: a timeout, a
 * closed socket, an operation not allowed in the socket's state, a bad address.
 */
public class NngException extends IOException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 */
	public NngException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public NngException(String message, Throwable cause) {
		super(message, cause);
	}

}
