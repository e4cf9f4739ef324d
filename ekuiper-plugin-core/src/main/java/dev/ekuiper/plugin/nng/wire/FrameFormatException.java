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
package dev.ekuiper.plugin.nng.wire;

/**
 * The peer sent bytes that break the SP wire format. The connection that carried them
 * cannot be trusted any more and must be closed; other connections are unaffected.
 */
public final class FrameFormatException extends Exception {

	/**
	 * Creates an exception with a message that says what was wrong with the bytes.
	 * @param message what was wrong, for a log line
	 */
	public FrameFormatException(String message) {
		super(message);
	}

}
