package dev.ekuiper.plugin.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import dev.ekuiper.plugin.runtime.SymbolStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The plugin's meters. Per rule instance meters are created when the instance starts and
 * removed when it stops, so the tag space stays bounded by the running rules:
 * <ul>
 * <li>{@code ekuiper.source.records} (symbol, rule, op, result=sent|dropped)</li>
 * <li>{@code ekuiper.sink.messages} (symbol, rule, op, result=ok|error) and
 * {@code ekuiper.sink.acks} (symbol, rule, op, result=ok|error)</li>
 * <li>{@code ekuiper.function.calls} timer (symbol, call=exec|validate|is_aggregate,
 * result=ok|error)</li>
 * <li>{@code ekuiper.control.commands} (command, type, result=ok|error)</li>
 * <li>gauges {@code ekuiper.channels.open} and {@code ekuiper.control.connected}</li>
 * </ul>
 */
public class EkuiperMetrics implements MeterBinder, RuntimeObserver {

	private final Supplier<PluginRuntime> runtime;

	private volatile MeterRegistry registry;

	/**
	 * Creates the meters' owner.
	 * @param runtime supplies the runtime for the gauges; resolved when bound
	 */
	public EkuiperMetrics(Supplier<PluginRuntime> runtime) {
		this.runtime = runtime;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("ekuiper.channels.open", this, EkuiperMetrics::openChannels)
			.description("Open data and function channels")
			.register(registry);
		Gauge.builder("ekuiper.control.connected", this, (metrics) -> metrics.isConnected() ? 1 : 0)
			.description("Whether the control channel to eKuiper is connected")
			.register(registry);
	}

	@Override
	public void commandAnswered(String command, PluginType type, boolean ok) {
		MeterRegistry current = this.registry;
		if (current != null) {
			current.counter("ekuiper.control.commands", "command", command, "type",
					(type != null) ? type.wireName() : "none", "result", ok ? "ok" : "error").increment();
		}
	}

	@Override
	public SourceObserver sourceStarted(String symbol, SymbolMeta meta) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return SourceObserver.NONE;
		}
		Tags tags = Tags.of("symbol", symbol, "rule", meta.ruleId(), "op", meta.opId());
		Counter sent = counter(current, "ekuiper.source.records", tags.and("result", "sent"), "Records sent to eKuiper");
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
		if (current == null) {
			return SinkObserver.NONE;
		}
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
		if (current == null) {
			return FunctionObserver.NONE;
		}
		Map<FunctionRequest.Kind, Timer[]> timers = new EnumMap<>(FunctionRequest.Kind.class);
		for (FunctionRequest.Kind kind : FunctionRequest.Kind.values()) {
			String call = kind.name().toLowerCase(Locale.ROOT);
			Tags tags = Tags.of("symbol", symbol, "call", call);
			timers.put(kind, new Timer[] { timer(current, tags.and("result", "ok")), timer(current, tags.and("result", "error")) });
		}
		return (kind, ok, nanos) -> timers.get(kind)[ok ? 0 : 1].record(nanos, TimeUnit.NANOSECONDS);
	}

	private double openChannels() {
		PluginRuntime current = this.runtime.get();
		if (current == null) {
			return 0;
		}
		List<SymbolStatus> statuses = new ArrayList<>(current.status());
		return statuses.stream().mapToInt(SymbolStatus::running).sum();
	}

	private boolean isConnected() {
		PluginRuntime current = this.runtime.get();
		return current != null && current.isConnected();
	}

	private static Counter counter(MeterRegistry registry, String name, Tags tags, String description) {
		return Counter.builder(name).tags(tags).description(description).register(registry);
	}

	private static Timer timer(MeterRegistry registry, Tags tags) {
		return Timer.builder("ekuiper.function.calls").tags(tags).description("Function calls served").register(registry);
	}

}
