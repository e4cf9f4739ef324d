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

/**
 * The operation is not allowed in the socket's protocol state, such as a REP reply with
 * no request received, or a REQ receive with no request sent (libnng's
 * {@code NNG_ESTATE}).
 */
public final class NngStateException extends NngException {

	/**
	 * Creates an exception.
	 * @param message what the state forbids
	 */
	public NngStateException(String message) {
		super(message);
	}

}
