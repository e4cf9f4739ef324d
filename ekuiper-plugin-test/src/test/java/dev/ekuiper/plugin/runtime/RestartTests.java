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

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.ReplayResult;
import dev.ekuiper.plugin.test.SinkConnection;
import dev.ekuiper.plugin.test.SourceConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A new plugin process (here a new runtime) after a crash: eKuiper replays the recorded
 * starts, and they are served over the socket files the dead process left behind; every
 * function serves whether or not eKuiper replays its start.
 */
class RestartTests extends RuntimeTestSupport {

	@Test
	void replayedStartsAreServedOverStaleSocketFiles() throws Exception {
		SourceConnection source = this.host.startSource("probe", "rule1", "s", Map.of("count", 1));
		assertThat(source.next(WAIT).message()).containsEntry("instance", 1.0);
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		sink.sendRow(Map.of("run", 1));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		FunctionConnection revert = this.host.startFunction("revert");
		assertThat(revert.exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("cba");

		this.runtime.stop();
		// A killed process leaves the file of the socket it listened on.
		Path sinkSocket = this.sockets.resolve("rule1_probe_0_0.ipc");
		leaveStaleSocketFile(sinkSocket);
		this.runtime = newRuntime(settings());
		this.runtime.start();

		List<ReplayResult> replayed = this.host.awaitHandshake(WAIT);
		assertThat(replayed).extracting(ReplayResult::key, ReplayResult::ok)
			.containsExactly(tuple("rule1_s_0", true), tuple("rule1_probe_0_0", true), tuple("func_revert", true));
		assertThat(source.next(WAIT).message()).containsEntry("instance", 2.0);
		assertThat(revert.exec(List.of("xyz"), "rule1", "op1").result()).isEqualTo("zyx");
		await().atMost(WAIT).until(sink::isConnected);
		sink.sendRow(Map.of("run", 2));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		assertThat(this.probes.collected).containsExactly("1: [{\"run\":1}]", "2: [{\"run\":2}]");

		source.stop();
		sink.stop();
		assertThat(socketFiles()).containsExactly("func_revert.ipc", "plugin_probes.ipc");
	}

	@Test
	void everyFunctionServesAfterARestartWithoutAnyStartFuncReplayed() throws Exception {
		this.runtime.stop();
		this.host.close();
		// eKuiper replays only the last function started; here not even that one.
		this.host = EmbeddedHost.builder(PLUGIN).socketDirectory(this.sockets).replayOnHandshake(false).build();
		this.runtime = newRuntime(settings());
		this.runtime.start();
		this.host.awaitHandshake(WAIT);
		FunctionConnection revert = this.host.startFunction("revert");
		FunctionConnection probe = this.host.startFunction("probe");
		assertThat(revert.exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("cba");
		assertThat(probe.exec(List.of("one"), "rule1", "op1").result()).isEqualTo("one");

		this.runtime.stop();
		this.runtime = newRuntime(settings());
		this.runtime.start();
		assertThat(this.host.awaitHandshake(WAIT)).isEmpty();
		assertThat(probe.exec(List.of("two"), "rule1", "op1").result()).isEqualTo("two");
		assertThat(revert.exec(List.of("xyz"), "rule1", "op1").result()).isEqualTo("zyx");
	}

	private static void leaveStaleSocketFile(Path path) throws Exception {
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			server.bind(UnixDomainSocketAddress.of(path));
		}
		assertThat(path).exists();
		assertThat(Files.isRegularFile(path)).isFalse();
	}

}
