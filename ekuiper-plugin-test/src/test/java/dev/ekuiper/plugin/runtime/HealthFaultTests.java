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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PluginRuntime#faults}: what eKuiper does not show (its status stays "running")
 * is reported while it lasts, naming the symbol and the rule, and clears by itself.
 */
class HealthFaultTests extends RuntimeTestSupport {

	private static final Duration PEER_GONE = Duration.ofMillis(200);

	@Test
	void aFunctionCallStuckPastItsTimeoutIsAFaultUntilItReturns() {
		FunctionConnection probe = this.host.startFunction("probe");
		assertThat(probe.exec(List.of("stuck"), "rule1", "op1").state()).isFalse();
		assertThat(this.runtime.faults(PEER_GONE, Duration.ZERO)).singleElement().satisfies((fault) -> {
			assertThat(fault.type()).isEqualTo(PluginType.FUNCTION);
			assertThat(fault.symbol()).isEqualTo("probe");
			assertThat(fault.ruleId()).isEmpty();
			assertThat(fault.problem()).isEqualTo("a call is still running past the 500 ms timeout");
		});
		this.probes.unstick.countDown();
		await().atMost(WAIT).until(() -> this.runtime.faults(PEER_GONE, Duration.ZERO).isEmpty());
		assertThat(probe.exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("abc");
	}

	@Test
	void aSinkCollectStuckPastItsTimeoutIsAFaultOfItsRuleUntilItReturns() {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0",
				Map.of("hangIn", "collect", "requireAck", true));
		sink.sendRow(Map.of("do", "stuck"));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isFalse();
		assertThat(this.runtime.faults(PEER_GONE, Duration.ZERO)).singleElement().satisfies((fault) -> {
			assertThat(fault.type()).isEqualTo(PluginType.SINK);
			assertThat(fault.symbol()).isEqualTo("probe");
			assertThat(fault.ruleId()).isEqualTo("rule1");
			assertThat(fault.problem()).startsWith("a collect is still running past the 500 ms timeout");
		});
		this.probes.unstick.countDown();
		await().atMost(WAIT).until(() -> this.runtime.faults(PEER_GONE, Duration.ZERO).isEmpty());
		sink.stop();
	}

	@Test
	void aQuietSourceIsAFaultOnlyWhenAnIdleTimeIsSet() {
		SourceConnection source = this.host.startSource("probe", "rule1", "s", Map.of("count", 1));
		assertThat(source.next(WAIT).isValid()).isTrue();
		Duration idle = Duration.ofMillis(300);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.runtime.faults(PEER_GONE, idle)).singleElement().satisfies((fault) -> {
				assertThat(fault.type()).isEqualTo(PluginType.SOURCE);
				assertThat(fault.ruleId()).isEqualTo("rule1");
				assertThat(fault.problem()).isEqualTo("emitted nothing");
				assertThat(fault.age()).isGreaterThanOrEqualTo(idle);
			}));
		assertThat(this.runtime.faults(PEER_GONE, Duration.ZERO)).isEmpty();
		source.stop();
		assertThat(this.runtime.faults(PEER_GONE, idle)).isEmpty();
	}

	@Test
	void aFunctionWhoseHostEndWentAwayIsAFaultOnceTheLimitPassed() {
		FunctionConnection revert = this.host.startFunction("revert");
		assertThat(revert.exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("cba");
		assertThat(this.runtime.faults(PEER_GONE, Duration.ZERO)).isEmpty();
		revert.close();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.runtime.faults(PEER_GONE, Duration.ZERO)).singleElement()
				.satisfies((fault) -> {
					assertThat(fault.symbol()).isEqualTo("revert");
					assertThat(fault.problem()).isEqualTo("eKuiper is not connected to its function channel");
				}));
	}

	@Test
	void aFunctionEkuiperHasNotUsedYetIsNoFault() {
		// Nobody listens on the function channels before eKuiper's first use.
		assertThat(this.runtime.faults(Duration.ofNanos(1), Duration.ZERO)).isEmpty();
		assertThat(this.runtime.faults(Duration.ofNanos(1), Duration.ZERO)).isEmpty();
	}

	@Test
	void aStoppedRuntimeHasNoFaults() {
		FunctionConnection probe = this.host.startFunction("probe");
		assertThat(probe.exec(List.of("stuck"), "rule1", "op1").state()).isFalse();
		this.runtime.stop();
		assertThat(this.runtime.faults(PEER_GONE, Duration.ZERO)).isEmpty();
	}

}
