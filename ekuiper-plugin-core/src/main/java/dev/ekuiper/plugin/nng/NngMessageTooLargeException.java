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
 * A message larger than the socket's max receive size arrived. Its bytes were skipped
 * without being held and the connection stays up, so the receiver can answer it; the next
 * receive returns the next message.
 */
public final class NngMessageTooLargeException extends NngException {

	/** The size of the skipped message, in bytes. */
	private final long size;

	/** The socket's max receive size, in bytes. */
	private final long limit;

	/**
	 * Creates an exception.
	 * @param size the message's size in bytes
	 * @param limit the max receive size in bytes
	 */
	public NngMessageTooLargeException(long size, long limit) {
		super("message of " + size + " bytes exceeds the max receive size of " + limit + " bytes");
		this.size = size;
		this.limit = limit;
	}

	/**
	 * Returns the refused message's size.
	 * @return the size in bytes
	 */
	public long size() {
		return this.size;
	}

	/**
	 * Returns the max receive size in force.
	 * @return the limit in bytes
	 */
	public long limit() {
		return this.limit;
	}

}
