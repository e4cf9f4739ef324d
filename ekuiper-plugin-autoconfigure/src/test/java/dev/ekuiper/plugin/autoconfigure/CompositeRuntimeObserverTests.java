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

import java.util.ArrayList;
import java.util.List;

import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import dev.ekuiper.plugin.runtime.RuntimeObserver.FunctionObserver;
import dev.ekuiper.plugin.runtime.RuntimeObserver.SinkObserver;
import dev.ekuiper.plugin.runtime.RuntimeObserver.SourceObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CompositeRuntimeObserver}.
 */
class CompositeRuntimeObserverTests {

	private static final SymbolMeta RULE = new SymbolMeta("rule1", "op1", 0);

	private final List<String> reports = new ArrayList<>();

	private final RuntimeObserver composite = CompositeRuntimeObserver
		.of(List.of(new RecordingObserver("a", this.reports), new RecordingObserver("b", this.reports)));

	@Test
	void noObserverIsTheNoOpObserver() {
		assertThat(CompositeRuntimeObserver.of(List.of())).isSameAs(RuntimeObserver.NONE);
	}

	@Test
	void singleObserverIsUsedAsItIs() {
		RuntimeObserver observer = new RecordingObserver("a", this.reports);
		assertThat(CompositeRuntimeObserver.of(List.of(observer))).isSameAs(observer);
	}

	@Test
	void connectionAndCommandReportsReachEveryObserverInOrder() {
		this.composite.controlConnection(true);
		this.composite.commandAnswered("start", PluginType.SINK, false);
		assertThat(this.reports).containsExactly("a connected true", "b connected true", "a start sink false",
				"b start sink false");
	}

	@Test
	void sourceInstanceReportsReachEveryObserver() {
		SourceObserver source = this.composite.sourceStarted("ticks", RULE);
		source.emitted();
		source.dropped();
		source.stopped();
		assertThat(this.reports).containsExactly("a source ticks rule1", "b source ticks rule1", "a emitted",
				"b emitted", "a dropped", "b dropped", "a source stopped", "b source stopped");
	}

	@Test
	void sinkInstanceReportsReachEveryObserver() {
		SinkObserver sink = this.composite.sinkStarted("log", RULE);
		sink.collected(true);
		sink.acked(false);
		sink.stopped();
		assertThat(this.reports).containsExactly("a sink log rule1", "b sink log rule1", "a collected true",
				"b collected true", "a acked false", "b acked false", "a sink stopped", "b sink stopped");
	}

	@Test
	void functionCallReportsReachEveryObserver() {
		FunctionObserver function = this.composite.functionOpened("upper");
		function.called(FunctionRequest.Kind.EXEC, true, 42);
		assertThat(this.reports).containsExactly("a function upper", "b function upper", "a EXEC true 42",
				"b EXEC true 42");
	}

	static class RecordingObserver implements RuntimeObserver {

		private final String name;

		private final List<String> reports;

		RecordingObserver(String name, List<String> reports) {
			this.name = name;
			this.reports = reports;
		}

		@Override
		public void controlConnection(boolean connected) {
			report("connected " + connected);
		}

		@Override
		public void commandAnswered(String command, PluginType type, boolean ok) {
			report(command + " " + type.wireName() + " " + ok);
		}

		@Override
		public SourceObserver sourceStarted(String symbol, SymbolMeta meta) {
			report("source " + symbol + " " + meta.ruleId());
			return new SourceObserver() {

				@Override
				public void emitted() {
					report("emitted");
				}

				@Override
				public void dropped() {
					report("dropped");
				}

				@Override
				public void stopped() {
					report("source stopped");
				}

			};
		}

		@Override
		public SinkObserver sinkStarted(String symbol, SymbolMeta meta) {
			report("sink " + symbol + " " + meta.ruleId());
			return new SinkObserver() {

				@Override
				public void collected(boolean ok) {
					report("collected " + ok);
				}

				@Override
				public void acked(boolean success) {
					report("acked " + success);
				}

				@Override
				public void stopped() {
					report("sink stopped");
				}

			};
		}

		@Override
		public FunctionObserver functionOpened(String symbol) {
			report("function " + symbol);
			return (kind, ok, nanos) -> report(kind + " " + ok + " " + nanos);
		}

		private void report(String report) {
			this.reports.add(this.name + " " + report);
		}

	}

}
