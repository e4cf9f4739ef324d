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

import java.time.Duration;
import java.util.Map;

/**
 * What a running source emits through. Thread-safe: a source may emit from any thread.
 */
public interface SourceContext extends SymbolContext {

	/**
	 * Sends one record to eKuiper. When eKuiper does not read, this waits up to the send
	 * timeout, then drops the record, counts it and returns {@code false}; memory stays
	 * bounded.
	 * @param message the record: a map, a record or a bean serialised as a JSON object
	 * @param meta metadata for the record (available in SQL through {@code meta()}), or
	 * {@code null}
	 * @return {@code true} if sent, {@code false} if dropped or stopped
	 */
	boolean emit(Object message, Map<String, ?> meta);

	/**
	 * Sends one record with no metadata.
	 * @param message the record
	 * @return {@code true} if sent, {@code false} if dropped or stopped
	 * @see #emit(Object, Map)
	 */
	default boolean emit(Object message) {
		return emit(message, null);
	}

	/**
	 * Reports an error to the rule: eKuiper logs it and counts it in the source's
	 * exception metrics (and forwards it to sinks when the rule has {@code sendError}).
	 * @param error what went wrong
	 * @return {@code true} if sent
	 */
	boolean emitError(String error);

	/**
	 * Returns whether the rule still runs this source; loops should end when it is false.
	 * @return {@code false} once stopping
	 */
	boolean isRunning();

	/**
	 * Waits until the source is stopped or the timeout passes; a convenient pause between
	 * polls that ends at once on stop.
	 * @param timeout how long to wait at most
	 * @return {@code true} if stopped
	 * @throws InterruptedException if interrupted
	 */
	boolean awaitStop(Duration timeout) throws InterruptedException;

}
