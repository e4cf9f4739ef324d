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

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.nng.RepSocket;
import dev.ekuiper.plugin.runtime.Commands;
import dev.ekuiper.plugin.runtime.PluginRuntime;
import dev.ekuiper.plugin.runtime.RuntimeObserver;
import dev.ekuiper.plugin.runtime.RuntimeSettings;
import dev.ekuiper.plugin.runtime.RuntimeTestSupport;
import dev.ekuiper.plugin.test.EmbeddedHost;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.HostTimeoutException;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Faults the existing runtime tests do not inject: a host that dies in the middle of a
 * command, peers that close in the middle of a frame, storms of connections, a sink stuck
 * in {@code collect} without acks, and a function that outlasts the host's own timeout.
 */
@Timeout(120)
class FaultInjectionTests extends RuntimeTestSupport {

	private static final int STORM = Integer.getInteger("reliability.storm", 500);

	@Test
	void hostThatDiesInTheMiddleOfACommandIsServedAgainByTheNextHost() throws Exception {
		this.host.close();
		try (RepSocket rep = new RepSocket()) {
			rep.setReceiveTimeout(WAIT);
			rep.listen(controlUrl());
			assertThat(text(rep.receive())).isEqualTo("handshake");
			rep.send(Commands.command("start", "sink", "probe", "rule1", "probe_0", Map.of())
				.getBytes(StandardCharsets.UTF_8));
			// Gone before the answer.
		}
		this.host = host(Duration.ofSeconds(3));
		this.host.awaitHandshake(WAIT);
		await().atMost(WAIT).until(() -> socketFiles().contains("rule1_probe_0_0.ipc"));
		// The new host never saw an ok, so it starts the same key again: it replaces the
		// orphan.
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		sink.sendRow(Map.of("after", "restart"));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		sink.stop();
		assertThat(this.probes.sinksClosed).hasValue(2);
		assertThat(socketFiles()).doesNotContain("rule1_probe_0_0.ipc");
		assertStillServing();
	}

	@Test
	void peersThatCloseInTheMiddleOfAFrameLeaveTheSinkServing() throws Exception {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		byte[] bytes = RawSockets.concat(RawSockets.header(RawSockets.PUSH),
				RawSockets.frame(new int[0], "[{\"torn\":true}]".getBytes(StandardCharsets.UTF_8)));
		for (int cut = 1; cut < bytes.length; cut++) {
			try (SocketChannel peer = RawSockets.connect(sinkSocket())) {
				RawSockets.write(peer, Arrays.copyOf(bytes, cut));
			}
		}
		sink.sendRow(Map.of("whole", true));
		assertThat(sink.awaitAck(WAIT).isSuccess()).isTrue();
		assertThat(this.probes.collected).containsExactly("1: [{\"whole\":true}]");
		sink.stop();
		assertStillServing();
	}

	@Test
	void hostThatClosesInTheMiddleOfAReplyIsServedAgainByTheNextHost() throws Exception {
		this.host.close();
		Path control = this.sockets.resolve("plugin_" + PLUGIN + ".ipc");
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			server.bind(UnixDomainSocketAddress.of(control));
			try (SocketChannel plugin = server.accept()) {
				RawSockets.write(plugin, RawSockets.header(RawSockets.REP));
				assertThat(RawSockets.read(plugin, 8)).isEqualTo(RawSockets.header(0x30));
				ByteBuffer prefix = ByteBuffer.wrap(RawSockets.read(plugin, 9));
				assertThat(prefix.get()).isEqualTo((byte) 1);
				byte[] request = RawSockets.read(plugin, (int) prefix.getLong());
				assertThat(new String(request, 4, request.length - 4, StandardCharsets.UTF_8)).isEqualTo("handshake");
				byte[] reply = RawSockets.frame(new int[] { ByteBuffer.wrap(request).getInt() },
						Commands.command("stop", "source", "probe", "r", "s", null).getBytes(StandardCharsets.UTF_8));
				RawSockets.write(plugin, Arrays.copyOf(reply, reply.length / 2));
			}
		}
		Files.deleteIfExists(control);
		this.host = host(Duration.ofSeconds(3));
		this.host.awaitHandshake(WAIT);
		assertStillServing();
	}

	@Test
	void stormOfConnectionsToTheSinkSocketLeavesNothingBehind() throws Exception {
		// Without acks: those of the raw peers' rows would be read as the host's own.
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of());
		byte[] good = RawSockets.concat(RawSockets.header(RawSockets.PUSH),
				RawSockets.frame(new int[0], "[{\"raw\":1}]".getBytes(StandardCharsets.UTF_8)));
		byte[][] variants = { new byte[0], RawSockets.header(RawSockets.PUSH), good,
				"GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8), Arrays.copyOf(good, good.length - 3) };
		for (int i = 0; i < 10; i++) {
			connectAndClose(variants[i % variants.length]);
		}
		Resources baseline = Resources.now();
		for (int i = 0; i < STORM; i++) {
			connectAndClose(variants[i % variants.length]);
		}
		// A raw peer's whole frame may or may not be taken (it closes before its header
		// is
		// answered); the host's next row must be.
		sink.sendRow(Map.of("after", "storm"));
		await().atMost(WAIT).until(() -> this.probes.collected.contains("1: [{\"after\":\"storm\"}]"));
		Resources after = Resources.awaitBackTo(baseline, 2, Duration.ofSeconds(10));
		System.out.printf("%d raw connections to a sink socket: %s%n", STORM, after.changeFrom(baseline));
		assertThat(after.fds()).isLessThanOrEqualTo(baseline.fds() + 2);
		assertThat(after.threads()).isLessThanOrEqualTo(baseline.threads() + 2);
		sink.stop();
		assertStillServing();
	}

	@Test
	void controlChannelThatComesAndGoesManyTimesIsServedEachTime() throws Exception {
		int rounds = 30;
		for (int i = 0; i < 3; i++) {
			reconnectHost();
		}
		assertStillServing();
		Resources baseline = Resources.now();
		long started = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			reconnectHost();
			if (i % 10 == 9) {
				assertStillServing();
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		Resources after = Resources.awaitBackTo(baseline, 2, Duration.ofSeconds(10));
		System.out.printf("%d host restarts in %d ms: %s%n", rounds, took.toMillis(), after.changeFrom(baseline));
		assertThat(after.fds()).isLessThanOrEqualTo(baseline.fds() + 2);
		assertThat(after.threads()).isLessThanOrEqualTo(baseline.threads() + 2);
		assertThat(this.runtime.isRunning()).isTrue();
	}

	@Test
	void sinkWithoutAcksStuckInCollectIsStoppedInTimeAndItsAddressCanBeReused() throws Exception {
		SinkConnection stuck = this.host.startSink("probe", "rule1", "probe_0", Map.of("hangIn", "collect"));
		stuck.sendRow(Map.of("do", "stuck"));
		await().atMost(WAIT).until(() -> this.probes.stuckCollects.get() == 1);
		long started = System.nanoTime();
		stuck.stop();
		// The stop timeout is 1 s; then the sockets close and the collect is abandoned.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
		assertThat(socketFiles()).doesNotContain("rule1_probe_0_0.ipc");
		SinkConnection again = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		again.sendRow(Map.of("do", "work"));
		assertThat(again.awaitAck(WAIT).isSuccess()).isTrue();
		this.probes.unstick.countDown();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.probes.collected).containsExactlyInAnyOrder("1: [{\"do\":\"stuck\"}]",
					"2: [{\"do\":\"work\"}]"));
		await().atMost(WAIT).until(() -> this.probes.sinksClosed.get() == 1);
		again.stop();
		assertStillServing();
	}

	@Test
	void functionThatOutlastsTheHostsTimeoutNeverShiftsTheRepliesOfLaterCalls() throws Exception {
		// The host waits 700 ms for a reply; the plugin gives a call 1500 ms.
		this.runtime.stop();
		this.runtime = new PluginRuntime(this.probes.definition(PLUGIN),
				RuntimeSettings.defaults()
					.withSocketDirectory(this.sockets)
					.withKeepAlive(Duration.ofMillis(500))
					.withSymbolTimeouts(Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofSeconds(1)),
				RuntimeObserver.NONE);
		this.runtime.start();
		this.host.close();
		this.host = host(Duration.ofMillis(700));
		this.host.awaitHandshake(WAIT);
		FunctionConnection probe = this.host.startFunction("probe");
		assertThat(probe.exec(List.of("first"), "rule1", "op1")).isEqualTo(new FunctionResult(true, "first"));
		assertThat(catchThrowable(() -> probe.exec(List.of("hang"), "rule1", "op1")))
			.isInstanceOf(HostTimeoutException.class);
		// Right after, the late reply may make a call time out too, but never answer it
		// wrongly.
		for (int i = 0; i < 5; i++) {
			String value = "soon" + i;
			try {
				assertThat(probe.exec(List.of(value), "rule1", "op1")).isEqualTo(new FunctionResult(true, value));
			}
			catch (HostTimeoutException ex) {
				// the host discarded the late reply while this call waited
			}
		}
		// The late replies arrive and are dropped while the plugin keeps serving.
		await().during(Duration.ofSeconds(1)).atMost(WAIT).until(this.runtime::isRunning);
		for (int i = 0; i < 20; i++) {
			String value = "later" + i;
			assertThat(probe.exec(List.of(value), "rule1", "op1")).isEqualTo(new FunctionResult(true, value));
		}
		assertStillServing();
	}

	@Test
	void hostThatLeavesRightAfterItsFirstCommandsIsTimedFromItsLeaving() throws Exception {
		Duration hostLoss = Duration.ofSeconds(1);
		this.runtime.stop();
		this.runtime = new PluginRuntime(this.probes.definition(PLUGIN),
				RuntimeSettings.defaults()
					.withSocketDirectory(this.sockets)
					.withKeepAlive(Duration.ofMillis(500))
					.withHostLossTimeout(hostLoss),
				RuntimeObserver.NONE);
		CountDownLatch lost = new CountDownLatch(1);
		this.runtime.onHostLost(lost::countDown);
		this.runtime.start();
		this.host.awaitHandshake(WAIT);
		// All within the watchdog's first 200 ms: only the commands show the host was
		// there.
		this.host.startSource("probe", "rule1", "s", Map.of("count", 1)).next(WAIT);
		long closed = System.nanoTime();
		this.host.close();
		assertThat(lost.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - closed)).isGreaterThanOrEqualTo(hostLoss);
	}

	private void reconnectHost() {
		this.host.close();
		this.host = host(Duration.ofSeconds(3));
		this.host.awaitHandshake(WAIT);
	}

	private void connectAndClose(byte[] bytes) throws Exception {
		try (SocketChannel peer = RawSockets.connect(sinkSocket())) {
			RawSockets.write(peer, bytes);
		}
	}

	private Path sinkSocket() {
		return this.sockets.resolve("rule1_probe_0_0.ipc");
	}

	private String controlUrl() {
		return "ipc://" + this.sockets.resolve("plugin_" + PLUGIN + ".ipc");
	}

	/**
	 * A host like the one of {@link RuntimeTestSupport}, with the given function reply
	 * timeout.
	 */
	private EmbeddedHost host(Duration functionReceiveTimeout) {
		return EmbeddedHost.builder(PLUGIN)
			.socketDirectory(this.sockets)
			.initTimeout(WAIT)
			.commandTimeout(WAIT)
			.functionReceiveTimeout(functionReceiveTimeout)
			.sourceReceiveTimeout(Duration.ofMillis(200))
			.sinkSendTimeout(Duration.ofSeconds(1))
			.ackPollInterval(Duration.ofMillis(200))
			.build();
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
