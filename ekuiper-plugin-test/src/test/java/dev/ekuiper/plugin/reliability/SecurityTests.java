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
package dev.ekuiper.plugin.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import dev.ekuiper.plugin.runtime.RuntimeSettings;
import dev.ekuiper.plugin.runtime.RuntimeTestSupport;
import dev.ekuiper.plugin.test.Ack;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * What another local user or an oversize message can do: every socket file the runtime
 * listens on is owner-only, and a message beyond the max receive size is skipped without
 * being held and answered with an error while the connection stays. Ids that would leave
 * the socket folder are refused ({@code SocketPathTests}).
 */
class SecurityTests extends RuntimeTestSupport {

	private static final int LIMIT = 64 * 1024;

	private static final Duration PROMPT = Duration.ofSeconds(3);

	@BeforeEach
	void limitTheReceiveSize() throws Exception {
		this.runtime.stop();
		RuntimeSettings settings = RuntimeSettings.defaults()
			.withSocketDirectory(this.sockets)
			.withKeepAlive(Duration.ofMillis(500))
			.withSendTimeout(Duration.ofMillis(300))
			.withSymbolTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(1))
			.withMaxReceiveSize(LIMIT);
		this.runtime = new PluginRuntime(this.probes.definition(PLUGIN), settings, RuntimeObserver.NONE);
		this.runtime.start();
		this.host.awaitHandshake(WAIT);
	}

	@Test
	void everySocketFileTheRuntimeListensOnIsOwnerOnly() throws Exception {
		this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		this.host.startSink("probe", "$$subtopo_demo", "probe_1", Map.of());
		List<Path> files;
		try (Stream<Path> listed = Files.list(this.sockets)) {
			files = listed.toList();
		}
		assertThat(files).extracting((file) -> file.getFileName().toString())
			.contains("rule1_probe_0_0.ipc", "$$subtopo_demo_probe_1_0.ipc")
			.noneMatch((name) -> name.startsWith(".nng-"));
		for (Path file : files) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
				.isEqualTo("rw-------");
		}
	}

	@Test
	void sinkPayloadBeyondTheLimitKeepsTheConnection() {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of());
		sink.send(oversize());
		// Skipped by the plugin's transport: the connection stays and the next row is
		// collected.
		assertThat(sink.isConnected()).isTrue();
		sink.sendRow(Map.of("after", "oversize"));
		await().atMost(WAIT).until(() -> this.probes.collected.contains("1: [{\"after\":\"oversize\"}]"));
		assertStillServing();
	}

	@Test
	void sinkPayloadBeyondTheTransportLimitIsAnsweredWithAnErrorAck() {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		sink.send(oversize());
		Optional<Ack> ack = sink.pollAck(PROMPT);
		// eKuiper reads the ack of every message with no time limit: a dropped connection
		// instead of an answer would stall the sink.
		assertThat(ack).as("an ack for a payload of %d bytes", oversize().length).isPresent();
		assertThat(ack.get().isSuccess()).isFalse();
	}

	@Test
	void functionRequestBeyondTheTransportLimitIsAnsweredWithAnError() throws Exception {
		FunctionConnection probe = this.host.startFunction("probe");
		CompletableFuture<FunctionResult> reply = CompletableFuture
			.supplyAsync(() -> probe.exec(List.of(new String(oversize(), StandardCharsets.UTF_8)), "rule1", "op1"));
		try {
			// A dropped connection instead of an answer would make the plugin redial and
			// say
			// "handshake", which eKuiper takes for a stale answer and resends the
			// request, forever.
			assertThat(reply.get(PROMPT.toMillis(), TimeUnit.MILLISECONDS).state()).isFalse();
		}
		catch (TimeoutException ex) {
			fail("no answer within %s to a request of %d bytes: the host keeps resending it", PROMPT,
					oversize().length);
		}
		finally {
			this.host.close();
		}
	}

	/** Three times the max receive size. */
	private static byte[] oversize() {
		return ("\"" + "x".repeat(3 * LIMIT) + "\"").getBytes(StandardCharsets.UTF_8);
	}

}
