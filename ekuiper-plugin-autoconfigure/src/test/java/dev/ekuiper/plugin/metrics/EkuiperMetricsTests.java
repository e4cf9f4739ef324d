package dev.ekuiper.plugin.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.runtime.PluginDefinition;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.RuntimeObserver.FunctionObserver;
import dev.ekuiper.plugin.runtime.RuntimeObserver.SinkObserver;
import dev.ekuiper.plugin.runtime.RuntimeObserver.SourceObserver;
import dev.ekuiper.plugin.runtime.RuntimeSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EkuiperMetrics}.
 */
class EkuiperMetricsTests {

	private static final SymbolMeta RULE = new SymbolMeta("rule1", "op1", 0);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicReference<PluginRuntime> runtime = new AtomicReference<>();

	private final EkuiperMetrics metrics = new EkuiperMetrics(this.runtime::get);

	@TempDir
	Path socketDirectory;

	@Test
	void bindToRegistersGaugesThatReadZeroWithoutRuntime() {
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.get("ekuiper.channels.open").gauge().value()).isZero();
		assertThat(this.registry.get("ekuiper.control.connected").gauge().value()).isZero();
	}

	@Test
	void channelsGaugeCountsOpenChannelsOfTheRuntime() throws Exception {
		this.metrics.bindTo(this.registry);
		PluginDefinition definition = PluginDefinition.builder("gauges")
			.function("first", (args, context) -> null)
			.function("second", (args, context) -> null)
			.build();
		RuntimeSettings settings = RuntimeSettings.defaults()
			.withSocketDirectory(this.socketDirectory)
			.withHostLossTimeout(Duration.ofHours(1));
		try (PluginRuntime plugin = new PluginRuntime(definition, settings, this.metrics)) {
			this.runtime.set(plugin);
			assertThat(this.registry.get("ekuiper.channels.open").gauge().value()).isZero();
			plugin.start();
			assertThat(this.registry.get("ekuiper.channels.open").gauge().value()).isEqualTo(2.0);
			assertThat(this.registry.get("ekuiper.control.connected").gauge().value()).isZero();
			plugin.stop();
			assertThat(this.registry.get("ekuiper.channels.open").gauge().value()).isZero();
		}
	}

	@Test
	void commandsAreCountedByCommandTypeAndResult() {
		this.metrics.bindTo(this.registry);
		this.metrics.commandAnswered("start", PluginType.SOURCE, true);
		this.metrics.commandAnswered("start", PluginType.SOURCE, true);
		this.metrics.commandAnswered("stop", PluginType.SINK, false);
		this.metrics.commandAnswered("invalid", null, false);
		assertThat(commandCount("start", "source", "ok")).isEqualTo(2.0);
		assertThat(commandCount("stop", "sink", "error")).isEqualTo(1.0);
		assertThat(commandCount("invalid", "none", "error")).isEqualTo(1.0);
	}

	@Test
	void sourceRecordsAreCountedUntilTheInstanceStops() {
		this.metrics.bindTo(this.registry);
		SourceObserver observer = this.metrics.sourceStarted("ticks", RULE);
		observer.emitted();
		observer.emitted();
		observer.dropped();
		assertThat(sourceRecords("sent").count()).isEqualTo(2.0);
		assertThat(sourceRecords("dropped").count()).isEqualTo(1.0);
		observer.stopped();
		assertThat(this.registry.find("ekuiper.source.records").meters()).isEmpty();
	}

	@Test
	void sinkMessagesAndAcksAreCountedUntilTheInstanceStops() {
		this.metrics.bindTo(this.registry);
		SinkObserver observer = this.metrics.sinkStarted("log", RULE);
		observer.collected(true);
		observer.collected(true);
		observer.collected(false);
		observer.acked(true);
		observer.acked(false);
		observer.acked(false);
		assertThat(sinkCount("ekuiper.sink.messages", "ok")).isEqualTo(2.0);
		assertThat(sinkCount("ekuiper.sink.messages", "error")).isEqualTo(1.0);
		assertThat(sinkCount("ekuiper.sink.acks", "ok")).isEqualTo(1.0);
		assertThat(sinkCount("ekuiper.sink.acks", "error")).isEqualTo(2.0);
		observer.stopped();
		assertThat(this.registry.find("ekuiper.sink.messages").meters()).isEmpty();
		assertThat(this.registry.find("ekuiper.sink.acks").meters()).isEmpty();
	}

	@Test
	void stoppingOneInstanceKeepsTheMetersOfAnotherRule() {
		this.metrics.bindTo(this.registry);
		SourceObserver first = this.metrics.sourceStarted("ticks", RULE);
		SourceObserver second = this.metrics.sourceStarted("ticks", new SymbolMeta("rule2", "op1", 0));
		first.stopped();
		second.emitted();
		assertThat(this.registry.get("ekuiper.source.records")
			.tags("symbol", "ticks", "rule", "rule2", "result", "sent")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.registry.find("ekuiper.source.records").tag("rule", "rule1").meters()).isEmpty();
	}

	@Test
	void functionCallsAreTimedByCallAndResult() {
		this.metrics.bindTo(this.registry);
		FunctionObserver observer = this.metrics.functionOpened("upper");
		observer.called(FunctionRequest.Kind.EXEC, true, TimeUnit.MILLISECONDS.toNanos(3));
		observer.called(FunctionRequest.Kind.EXEC, true, TimeUnit.MILLISECONDS.toNanos(5));
		observer.called(FunctionRequest.Kind.EXEC, false, TimeUnit.MILLISECONDS.toNanos(1));
		observer.called(FunctionRequest.Kind.IS_AGGREGATE, true, 10);
		Timer execOk = functionCalls("exec", "ok");
		assertThat(execOk.count()).isEqualTo(2);
		assertThat(execOk.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8.0);
		assertThat(functionCalls("exec", "error").count()).isEqualTo(1);
		assertThat(functionCalls("is_aggregate", "ok").count()).isEqualTo(1);
		assertThat(functionCalls("validate", "ok").count()).isZero();
	}

	@Test
	void observersDoNothingBeforeBinding() {
		this.metrics.commandAnswered("start", PluginType.FUNCTION, true);
		assertThat(this.metrics.sourceStarted("ticks", RULE)).isSameAs(SourceObserver.NONE);
		assertThat(this.metrics.sinkStarted("log", RULE)).isSameAs(SinkObserver.NONE);
		assertThat(this.metrics.functionOpened("upper")).isSameAs(FunctionObserver.NONE);
		assertThat(this.registry.getMeters()).isEmpty();
	}

	private double commandCount(String command, String type, String result) {
		return this.registry.get("ekuiper.control.commands")
			.tags("command", command, "type", type, "result", result)
			.counter()
			.count();
	}

	private Counter sourceRecords(String result) {
		return this.registry.get("ekuiper.source.records")
			.tags("symbol", "ticks", "rule", "rule1", "result", result)
			.counter();
	}

	private double sinkCount(String name, String result) {
		return this.registry.get(name).tags("symbol", "log", "rule", "rule1", "result", result).counter().count();
	}

	private Timer functionCalls(String call, String result) {
		return this.registry.get("ekuiper.function.calls")
			.tags("symbol", "upper", "call", call, "result", result)
			.timer();
	}

}
