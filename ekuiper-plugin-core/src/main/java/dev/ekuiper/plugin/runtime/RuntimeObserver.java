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
package dev.ekuiper.plugin.runtime;

import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.SymbolMeta;

/**
 * Hooks for metrics: the runtime reports what it does, and per symbol instance it asks
 * once for an observer so the per-record calls need no lookup. Every method must be cheap
 * and must not throw.
 */
public interface RuntimeObserver {

	/** Observes nothing. */
	RuntimeObserver NONE = new RuntimeObserver() {
	};

	/**
	 * The control connection came up or went down.
	 * @param connected whether it is up
	 */
	default void controlConnection(boolean connected) {
	}

	/**
	 * A control command was answered.
	 * @param command {@code start}, {@code stop} or {@code invalid}
	 * @param type the symbol kind, or {@code null} if the command did not parse
	 * @param ok whether the answer was {@code ok}
	 */
	default void commandAnswered(String command, PluginType type, boolean ok) {
	}

	/**
	 * A source instance started.
	 * @param symbol the symbol
	 * @param meta the rule operator
	 * @return the observer of that instance
	 */
	default SourceObserver sourceStarted(String symbol, SymbolMeta meta) {
		return SourceObserver.NONE;
	}

	/**
	 * A sink instance started.
	 * @param symbol the symbol
	 * @param meta the rule operator
	 * @return the observer of that instance
	 */
	default SinkObserver sinkStarted(String symbol, SymbolMeta meta) {
		return SinkObserver.NONE;
	}

	/**
	 * A function channel opened.
	 * @param symbol the function
	 * @return the observer of its calls
	 */
	default FunctionObserver functionOpened(String symbol) {
		return FunctionObserver.NONE;
	}

	/** Observes one source instance. */
	interface SourceObserver {

		/** Observes nothing. */
		SourceObserver NONE = new SourceObserver() {
		};

		/** A record was sent. */
		default void emitted() {
		}

		/** A record was dropped because the host did not read in time. */
		default void dropped() {
		}

		/** The instance stopped; release per-instance resources. */
		default void stopped() {
		}

	}

	/** Observes one sink instance. */
	interface SinkObserver {

		/** Observes nothing. */
		SinkObserver NONE = new SinkObserver() {
		};

		/**
		 * A message was collected.
		 * @param ok whether collect returned normally
		 */
		default void collected(boolean ok) {
		}

		/**
		 * An ack was sent to the host.
		 * @param success {@code true} for {@code {}}, {@code false} for an error ack
		 */
		default void acked(boolean success) {
		}

		/** The instance stopped; release per-instance resources. */
		default void stopped() {
		}

	}

	/** Observes one function's calls. */
	@FunctionalInterface
	interface FunctionObserver {

		/** Observes nothing. */
		FunctionObserver NONE = (kind, ok, nanos) -> {
		};

		/**
		 * A call was answered.
		 * @param kind which call
		 * @param ok whether it answered {@code state:true}
		 * @param nanos how long it took
		 */
		void called(FunctionRequest.Kind kind, boolean ok, long nanos);

	}

}
