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
package dev.ekuiper.plugin.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of what the runtime reports, in one registry. Per rule instance meters are
 * created when the instance starts and removed when it stops, so the tag space stays
 * bounded by the running rules:
 * <ul>
 * <li>{@code ekuiper.source.records} (symbol, rule, op, result=sent|dropped)</li>
 * <li>{@code ekuiper.sink.messages} (symbol, rule, op, result=ok|error) and
 * {@code ekuiper.sink.acks} (symbol, rule, op, result=ok|error)</li>
 * <li>{@code ekuiper.function.calls} timer (symbol, call=exec|validate|is_aggregate,
 * result=ok|error)</li>
 * <li>{@code ekuiper.control.commands} (command, type, result=ok|error)</li>
 * </ul>
 */
public class EkuiperMeterObserver implements RuntimeObserver {

	private final MeterRegistry registry;

	/**
	 * Creates the observer.
	 * @param registry where the meters go
	 */
	public EkuiperMeterObserver(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void commandAnswered(String command, PluginType type, boolean ok) {
		this.registry
			.counter("ekuiper.control.commands", "command", command, "type", (type != null) ? type.wireName() : "none",
					"result", ok ? "ok" : "error")
			.increment();
	}

	@Override
	public SourceObserver sourceStarted(String symbol, SymbolMeta meta) {
		MeterRegistry current = this.registry;
		Tags tags = Tags.of("symbol", symbol, "rule", meta.ruleId(), "op", meta.opId());
		Counter sent = counter(current, "ekuiper.source.records", tags.and("result", "sent"),
				"Records sent to eKuiper");
		Counter dropped = counter(current, "ekuiper.source.records", tags.and("result", "dropped"),
				"Records dropped because eKuiper did not read in time");
		return new SourceObserver() {

			@Override
			public void emitted() {
				sent.increment();
			}

			@Override
			public void dropped() {
				dropped.increment();
			}

			@Override
			public void stopped() {
				current.remove(sent);
				current.remove(dropped);
			}

		};
	}

	@Override
	public SinkObserver sinkStarted(String symbol, SymbolMeta meta) {
		MeterRegistry current = this.registry;
		Tags tags = Tags.of("symbol", symbol, "rule", meta.ruleId(), "op", meta.opId());
		Counter collected = counter(current, "ekuiper.sink.messages", tags.and("result", "ok"), "Messages collected");
		Counter failed = counter(current, "ekuiper.sink.messages", tags.and("result", "error"),
				"Messages whose collect failed");
		Counter ackOk = counter(current, "ekuiper.sink.acks", tags.and("result", "ok"), "Success acks sent");
		Counter ackError = counter(current, "ekuiper.sink.acks", tags.and("result", "error"), "Error acks sent");
		List<Meter> meters = List.of(collected, failed, ackOk, ackError);
		return new SinkObserver() {

			@Override
			public void collected(boolean ok) {
				(ok ? collected : failed).increment();
			}

			@Override
			public void acked(boolean success) {
				(success ? ackOk : ackError).increment();
			}

			@Override
			public void stopped() {
				meters.forEach(current::remove);
			}

		};
	}

	@Override
	public FunctionObserver functionOpened(String symbol) {
		MeterRegistry current = this.registry;
		Map<FunctionRequest.Kind, Timer[]> timers = new EnumMap<>(FunctionRequest.Kind.class);
		for (FunctionRequest.Kind kind : FunctionRequest.Kind.values()) {
			String call = kind.name().toLowerCase(Locale.ROOT);
			Tags tags = Tags.of("symbol", symbol, "call", call);
			timers.put(kind, new Timer[] { timer(current, tags.and("result", "ok")),
					timer(current, tags.and("result", "error")) });
		}
		return (kind, ok, nanos) -> timers.get(kind)[ok ? 0 : 1].record(nanos, TimeUnit.NANOSECONDS);
	}

	private static Counter counter(MeterRegistry registry, String name, Tags tags, String description) {
		return Counter.builder(name).tags(tags).description(description).register(registry);
	}

	private static Timer timer(MeterRegistry registry, Tags tags) {
		return Timer.builder("ekuiper.function.calls")
			.tags(tags)
			.description("Function calls served")
			.register(registry);
	}

}
