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

import java.util.List;
import java.util.Map;

/**
 * One message from eKuiper to a sink, offered raw and decoded. Decoding is lazy: a sink
 * that wants the bytes never pays for JSON.
 */
public interface SinkMessage {

	/**
	 * Returns the bytes exactly as eKuiper sent them.
	 * @return the raw payload
	 */
	byte[] bytes();

	/**
	 * Returns the payload as UTF-8 text (for data templates or plain-text errors).
	 * @return the text
	 */
	String text();

	/**
	 * Returns whether the payload is JSON (an object or an array).
	 * @return {@code true} if {@link #rows()} can decode it
	 */
	boolean isJson();

	/**
	 * Returns the rows: a JSON array of objects as a list, a single object as a list of
	 * one.
	 * @return the rows
	 * @throws IllegalStateException naming the problem if the payload is not a JSON
	 * object or an array of objects
	 */
	List<Map<String, Object>> rows();

	/**
	 * Returns the rows bound to a type, like {@link #rows()}.
	 * @param <T> the row type
	 * @param type a record or bean type
	 * @return the rows as {@code type}
	 * @throws IllegalStateException naming the property if a row cannot be bound
	 */
	<T> List<T> rows(Class<T> type);

}
