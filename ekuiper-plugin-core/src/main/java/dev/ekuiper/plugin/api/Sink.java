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
 * A destination for a rule's results ({@code "actions":[{"<name>":{…}}]}). A fresh
 * instance serves each rule action: the runtime binds the action's properties to
 * {@code C}, calls {@link #configure} and {@link #open}, then {@link #collect} once per
 * message eKuiper sends, and {@link #close} when the rule stops. When the action sets
 * {@code requireAck}, the runtime acknowledges each message after {@code collect}
 * returns, or reports the exception when it throws; a collect may instead take the ack
 * over with {@link SinkContext#deferAck()} and give it later.
 *
 * @param <C> the configuration type: a record or bean bound from the action's properties
 * (unknown keys are ignored), or {@code Map<String, Object>} for the raw properties
 */
@FunctionalInterface
public interface Sink<C> {

	/**
	 * Receives the bound configuration. Throw to fail the rule's start with the message.
	 * @param config the action's properties bound to {@code C}
	 * @throws Exception if the configuration is not acceptable
	 */
	default void configure(C config) throws Exception {
	}

	/**
	 * Prepares to receive, after {@link #configure}.
	 * @param context the sink's context
	 * @throws Exception to fail the rule's start
	 */
	default void open(SinkContext context) throws Exception {
	}

	/**
	 * Handles one message from the rule. Calls are sequential for one instance.
	 * @param context the sink's context
	 * @param message what eKuiper sent: usually a JSON array of rows, or one row with
	 * {@code sendSingle}
	 * @throws Exception on failure; it is logged, and with {@code requireAck} the ack's
	 * error names the sink, the exception type and its message, and eKuiper may resend
	 */
	void collect(SinkContext context, SinkMessage message) throws Exception;

	/**
	 * Releases resources. Called once, on stop, after the last {@link #collect}.
	 * @param context the sink's context
	 * @throws Exception on failure; it is logged
	 */
	default void close(SinkContext context) throws Exception {
	}

}
