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
 * The context of a running sink.
 */
public interface SinkContext extends SymbolContext {

	/**
	 * Returns whether the rule action asked for acknowledgements.
	 * @return the action's {@code requireAck}
	 */
	boolean requireAck();

	/**
	 * Takes over the acknowledgment of the message being collected: the runtime no longer
	 * acks it when {@link Sink#collect} returns, the sink answers it through the returned
	 * handle instead, later and from any thread. An exception thrown by {@code collect}
	 * after this call is still answered at once as an error. Calling it again during the
	 * same collect returns the same handle.
	 * @return the handle; one that does nothing when the action did not set
	 * {@code requireAck}
	 * @throws IllegalStateException when called outside {@code collect}'s thread or
	 * outside a collect
	 */
	Acknowledgment deferAck();

}
