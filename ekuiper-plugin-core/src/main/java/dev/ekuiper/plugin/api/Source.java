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

/**
 * A source of records for eKuiper streams ({@code CREATE STREAM … WITH (TYPE="<name>")}).
 * A fresh instance serves each rule: the runtime binds the stream's properties to
 * {@code C}, calls {@link #configure}, then {@link #open} on a thread of its own, and
 * {@link #close} when the rule stops.
 *
 * @param <C> the configuration type: a record or bean bound from the stream's properties
 * (unknown keys are ignored), or {@code Map<String, Object>} for the raw properties
 */
@FunctionalInterface
public interface Source<C> {

	/**
	 * Receives the bound configuration before the source opens. Throw to fail the rule's
	 * start with the exception's message.
	 * @param config the stream's properties bound to {@code C}
	 * @throws Exception if the configuration is not acceptable
	 */
	default void configure(C config) throws Exception {
	}

	/**
	 * Produces records with {@link SourceContext#emit} until the context stops. It may
	 * return early (for example after subscribing elsewhere) or block; either way the
	 * instance lives until the rule stops.
	 * @param context where to emit, and whether to keep going
	 * @throws Exception on failure; it is logged and reported to eKuiper as a source
	 * error
	 */
	void open(SourceContext context) throws Exception;

	/**
	 * Releases what {@link #open} acquired. Called once, on stop.
	 * @param context the same context
	 * @throws Exception on failure; it is logged
	 */
	default void close(SourceContext context) throws Exception {
	}

}
