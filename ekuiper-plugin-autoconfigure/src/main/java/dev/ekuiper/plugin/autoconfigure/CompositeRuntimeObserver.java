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
package dev.ekuiper.plugin.autoconfigure;

import java.util.List;

import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.runtime.RuntimeObserver;

/**
 * Fans the runtime's reports out to every {@link RuntimeObserver} bean.
 */
final class CompositeRuntimeObserver implements RuntimeObserver {

	private final List<RuntimeObserver> observers;

	private CompositeRuntimeObserver(List<RuntimeObserver> observers) {
		this.observers = observers;
	}

	static RuntimeObserver of(List<RuntimeObserver> observers) {
		return switch (observers.size()) {
			case 0 -> RuntimeObserver.NONE;
			case 1 -> observers.get(0);
			default -> new CompositeRuntimeObserver(List.copyOf(observers));
		};
	}

	@Override
	public void controlConnection(boolean connected) {
		this.observers.forEach((observer) -> observer.controlConnection(connected));
	}

	@Override
	public void commandAnswered(String command, PluginType type, boolean ok) {
		this.observers.forEach((observer) -> observer.commandAnswered(command, type, ok));
	}

	@Override
	public SourceObserver sourceStarted(String symbol, SymbolMeta meta) {
		List<SourceObserver> each = this.observers.stream()
			.map((observer) -> observer.sourceStarted(symbol, meta))
			.toList();
		return new SourceObserver() {

			@Override
			public void emitted() {
				each.forEach(SourceObserver::emitted);
			}

			@Override
			public void dropped() {
				each.forEach(SourceObserver::dropped);
			}

			@Override
			public void stopped() {
				each.forEach(SourceObserver::stopped);
			}

		};
	}

	@Override
	public SinkObserver sinkStarted(String symbol, SymbolMeta meta) {
		List<SinkObserver> each = this.observers.stream()
			.map((observer) -> observer.sinkStarted(symbol, meta))
			.toList();
		return new SinkObserver() {

			@Override
			public void collected(boolean ok) {
				each.forEach((observer) -> observer.collected(ok));
			}

			@Override
			public void acked(boolean success) {
				each.forEach((observer) -> observer.acked(success));
			}

			@Override
			public void stopped() {
				each.forEach(SinkObserver::stopped);
			}

		};
	}

	@Override
	public FunctionObserver functionOpened(String symbol) {
		List<FunctionObserver> each = this.observers.stream()
			.map((observer) -> observer.functionOpened(symbol))
			.toList();
		return (FunctionRequest.Kind kind, boolean ok, long nanos) -> each
			.forEach((observer) -> observer.called(kind, ok, nanos));
	}

}
