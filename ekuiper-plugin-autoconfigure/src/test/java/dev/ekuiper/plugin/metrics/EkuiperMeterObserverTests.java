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

import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.runtime.RuntimeObserver.FunctionObserver;
import dev.ekuiper.plugin.runtime.RuntimeObserver.SinkObserver;
import dev.ekuiper.plugin.runtime.RuntimeObserver.SourceObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EkuiperMeterObserver}.
 */
class EkuiperMeterObserverTests {

	private static final SymbolMeta RULE = new SymbolMeta("rule1", "op1", 0);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final EkuiperMeterObserver observer = new EkuiperMeterObserver(this.registry);

	@Test
	void commandsAreCountedByCommandTypeAndResult() {
		this.observer.commandAnswered("start", PluginType.SOURCE, true);
		this.observer.commandAnswered("start", PluginType.SOURCE, true);
		this.observer.commandAnswered("stop", PluginType.SINK, false);
		this.observer.commandAnswered("invalid", null, false);
		assertThat(commandCount("start", "source", "ok")).isEqualTo(2.0);
		assertThat(commandCount("stop", "sink", "error")).isEqualTo(1.0);
		assertThat(commandCount("invalid", "none", "error")).isEqualTo(1.0);
	}

	@Test
	void sourceRecordsAreCountedUntilTheInstanceStops() {
		SourceObserver observer = this.observer.sourceStarted("ticks", RULE);
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
		SinkObserver observer = this.observer.sinkStarted("log", RULE);
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
		SourceObserver first = this.observer.sourceStarted("ticks", RULE);
		SourceObserver second = this.observer.sourceStarted("ticks", new SymbolMeta("rule2", "op1", 0));
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
		FunctionObserver observer = this.observer.functionOpened("upper");
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
