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
package dev.ekuiper.plugin.nng;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.nng.wire.RawBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReqSocket} and {@link RepSocket}: request ids, stale and abandoned
 * replies, state errors, timeouts and backtraces, checked on the wire with raw peers.
 */
@Timeout(30)
class ReqRepTests extends SocketTestSupport {

	private static final int REQ0 = 0x30;

	private static final int REP0 = 0x31;

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void requestIdsHaveTheTopBitSetAndIncrement(String transport) throws Exception {
		RawPeer.Server server = rawServer(transport);
		ReqSocket req = req();
		req.dial(server.url());
		RawPeer rep = track(server.accept());
		assertThat(rep.handshake(REP0)).isEqualTo(REQ0);
		int previous = 0;
		for (int i = 0; i < 5; i++) {
			byte[] body = ("request " + i).getBytes(StandardCharsets.UTF_8);
			req.send(body);
			ByteBuffer frame = ByteBuffer.wrap(rep.readFrame());
			int id = frame.getInt();
			assertThat(id).as("request id %08x", id).isNegative();
			if (i > 0) {
				assertThat(id).as("request id after %08x", previous).isEqualTo((previous + 1) | 0x80000000);
			}
			assertThat(remaining(frame)).isEqualTo(body);
			previous = id;
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void staleReplyIsDroppedAndALaterRightOneIsAccepted(String transport) throws Exception {
		RawPeer.Server server = rawServer(transport);
		ReqSocket req = req();
		req.dial(server.url());
		RawPeer rep = track(server.accept());
		rep.handshake(REP0);
		req.send("question".getBytes());
		int id = ByteBuffer.wrap(rep.readFrame()).getInt();
		rep.sendFrame(new int[] { (id + 7) | 0x80000000 }, "stale".getBytes());
		req.setReceiveTimeout(SHORT);
		assertThatExceptionOfType(NngTimeoutException.class).isThrownBy(req::receive);
		rep.sendFrame(new int[] { id }, "right".getBytes());
		req.setReceiveTimeout(LONG);
		assertThat(req.receive()).isEqualTo("right".getBytes());
		assertThat(req.pipeCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void newRequestAbandonsTheOutstandingOneAndItsLateReplyIsDropped(String transport) throws Exception {
		RawPeer.Server server = rawServer(transport);
		ReqSocket req = req();
		req.dial(server.url());
		RawPeer rep = track(server.accept());
		rep.handshake(REP0);
		req.send("one".getBytes());
		int first = ByteBuffer.wrap(rep.readFrame()).getInt();
		req.send("two".getBytes());
		int second = ByteBuffer.wrap(rep.readFrame()).getInt();
		rep.sendFrame(new int[] { first }, "late".getBytes());
		rep.sendFrame(new int[] { second }, "answer to two".getBytes());
		assertThat(req.receive()).isEqualTo("answer to two".getBytes());
		assertThatExceptionOfType(NngStateException.class).isThrownBy(req::receive);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void replyShorterThanRequestIdClosesTheConnectionAndTheRequestIsResentWithTheSameId(String transport)
			throws Exception {
		RawPeer.Server server = rawServer(transport);
		ReqSocket req = req();
		req.setReconnect(Duration.ofMillis(10), Duration.ofMillis(50));
		req.dial(server.url());
		RawPeer first = track(server.accept());
		first.handshake(REP0);
		req.send("again".getBytes());
		byte[] request = first.readFrame();
		first.write(RawBytes.frame(first.framing(), new int[0], new byte[] { 1, 2 }));
		assertThat(first.awaitClosed(LONG)).as("connection closed after a 2-byte reply").isTrue();
		RawPeer second = track(server.accept());
		second.handshake(REP0);
		assertThat(second.readFrame()).as("request resent on the new connection").isEqualTo(request);
		second.sendFrame(new int[] { ByteBuffer.wrap(request).getInt() }, "done".getBytes());
		assertThat(req.receive()).isEqualTo("done".getBytes());
	}

	@Test
	void resendTimeSendsTheSameRequestAgain() throws Exception {
		RawPeer.Server server = rawServer("ipc");
		ReqSocket req = req();
		req.setResendTime(Duration.ofMillis(100));
		req.dial(server.url());
		RawPeer rep = track(server.accept());
		rep.handshake(REP0);
		req.send("retry me".getBytes());
		byte[] request = rep.readFrame();
		assertThat(rep.readFrame()).isEqualTo(request);
		assertThat(rep.readFrame()).isEqualTo(request);
	}

	@Test
	void repSendWithNoRequestThrowsStateException() throws Exception {
		RepSocket rep = rep();
		assertThatExceptionOfType(NngStateException.class).isThrownBy(() -> rep.send("nobody asked".getBytes()));
	}

	@Test
	void repSendTwiceForOneRequestThrowsStateException() throws Exception {
		RepSocket rep = rep();
		ReqSocket req = req();
		req.dial(rep.listen(ipcUrl("rep")));
		req.send("ping".getBytes());
		assertThat(rep.receive()).isEqualTo("ping".getBytes());
		rep.send("pong".getBytes());
		assertThatExceptionOfType(NngStateException.class).isThrownBy(() -> rep.send("again".getBytes()));
		assertThat(req.receive()).isEqualTo("pong".getBytes());
	}

	@Test
	void reqReceiveWithNothingSentThrowsStateException() {
		ReqSocket req = req();
		assertThatExceptionOfType(NngStateException.class).isThrownBy(req::receive);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void repReceiveTimeoutThrowsTimeoutAndLeavesTheSocketUsable(String transport) throws Exception {
		RepSocket rep = rep();
		String url = rep.listen(listenUrl(transport));
		rep.setReceiveTimeout(SHORT);
		long start = System.nanoTime();
		assertThatExceptionOfType(NngException.class).isThrownBy(rep::receive)
			.isExactlyInstanceOf(NngTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT).isLessThan(LONG);
		ReqSocket req = req();
		req.dial(url);
		req.send("after timeout".getBytes());
		rep.setReceiveTimeout(LONG);
		assertThat(rep.receive()).isEqualTo("after timeout".getBytes());
		rep.send("fine".getBytes());
		assertThat(req.receive()).isEqualTo("fine".getBytes());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void reqReceiveTimeoutKeepsTheRequestOutstandingAndItsReplyArrivesLater(String transport) throws Exception {
		RepSocket rep = rep();
		ReqSocket req = req();
		req.dial(rep.listen(listenUrl(transport)));
		req.send("slow".getBytes());
		assertThat(rep.receive()).isEqualTo("slow".getBytes());
		req.setReceiveTimeout(SHORT);
		assertThatExceptionOfType(NngException.class).isThrownBy(req::receive)
			.isExactlyInstanceOf(NngTimeoutException.class);
		rep.send("eventually".getBytes());
		req.setReceiveTimeout(LONG);
		assertThat(req.receive()).isEqualTo("eventually".getBytes());
	}

	@Test
	void reqSendWithNoPeerTimesOutAndLeavesTheSocketUsable() throws Exception {
		ReqSocket req = req();
		req.setSendTimeout(SHORT);
		long start = System.nanoTime();
		assertThatExceptionOfType(NngException.class).isThrownBy(() -> req.send("anyone?".getBytes()))
			.isExactlyInstanceOf(NngTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT).isLessThan(LONG);
		assertThatExceptionOfType(NngStateException.class).as("a request that was never sent is not outstanding")
			.isThrownBy(req::receive);
		RepSocket rep = rep();
		req.dial(rep.listen(ipcUrl("rep")));
		req.setSendTimeout(LONG);
		req.send("now".getBytes());
		assertThat(rep.receive()).isEqualTo("now".getBytes());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void repEchoesAHopBacktraceOnTheWire(String transport) throws Exception {
		RepSocket rep = rep();
		RawPeer req = track(RawPeer.connect(rep.listen(listenUrl(transport))));
		assertThat(req.handshake(REQ0)).isEqualTo(REP0);
		String prefix = transport.equals("ipc") ? "01" : "";
		req.write(RawBytes.hex(prefix + "000000000000000a 00000007 80000001 6869"));
		assertThat(rep.receive()).isEqualTo("hi".getBytes());
		rep.send("OK".getBytes());
		byte[] expected = RawBytes.hex(prefix + "000000000000000a 00000007 80000001 4f4b");
		assertThat(RawBytes.hex(req.read(expected.length))).isEqualTo(RawBytes.hex(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void repDropsABacktraceLongerThanMaxTtlAndAnswersOneOfMaxTtl(String transport) throws Exception {
		RepSocket rep = rep();
		RawPeer req = track(RawPeer.connect(rep.listen(listenUrl(transport))));
		req.handshake(REQ0);
		int[] nine = { 1, 2, 3, 4, 5, 6, 7, 8, 0x80000009 };
		int[] eight = { 1, 2, 3, 4, 5, 6, 7, 0x80000008 };
		req.sendFrame(nine, "too far".getBytes());
		req.sendFrame(eight, "just right".getBytes());
		assertThat(rep.receive()).isEqualTo("just right".getBytes());
		rep.send("ok".getBytes());
		ByteBuffer reply = ByteBuffer.wrap(req.readFrame());
		for (int word : eight) {
			assertThat(reply.getInt()).isEqualTo(word);
		}
		assertThat(remaining(reply)).isEqualTo("ok".getBytes());
		rep.setReceiveTimeout(SHORT);
		assertThatExceptionOfType(NngTimeoutException.class).as("the over-long request was dropped")
			.isThrownBy(rep::receive);
		assertThat(rep.pipeCount()).isEqualTo(1);
	}

	@Test
	void repAnswersTheRequestItReceivedLast() throws Exception {
		RepSocket rep = rep();
		RawPeer req = track(RawPeer.connect(rep.listen(ipcUrl("rep"))));
		req.handshake(REQ0);
		req.sendFrame(new int[] { 0x80000001 }, "first".getBytes());
		req.sendFrame(new int[] { 0x80000002 }, "second".getBytes());
		assertThat(rep.receive()).isEqualTo("first".getBytes());
		assertThat(rep.receive()).isEqualTo("second".getBytes());
		rep.send("R".getBytes());
		assertThat(RawBytes.hex(req.readFrame())).isEqualTo("8000000252");
		assertThat(req.staysQuiet(SHORT)).as("no reply for the first request").isTrue();
	}

	@Test
	void requestsOnTheWireMatchTheCapturedLibnngShape() throws Exception {
		RawPeer.Server server = rawServer("ipc");
		ReqSocket req = req();
		req.dial(server.url());
		RawPeer rep = track(server.accept());
		assertThat(RawBytes.hex(rep.read(8))).isEqualTo("0053500000300000");
		rep.sendHeader(REP0);
		req.send("handshake".getBytes());
		byte[] frame = rep.read(9 + 13);
		String hex = RawBytes.hex(frame);
		assertThat(hex).startsWith("01000000000000000d").endsWith(RawBytes.hex("handshake".getBytes()));
		int id = ByteBuffer.wrap(frame, 9, 4).getInt();
		rep.write(RawBytes.hex("01000000000000001e" + String.format("%08x", id)
				+ RawBytes.hex("{\"cmd\":\"start\",\"arg\":\"{}\"}".getBytes())));
		assertThat(new String(req.receive(), StandardCharsets.UTF_8)).isEqualTo("{\"cmd\":\"start\",\"arg\":\"{}\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void requestsAndRepliesOfNotableSizesRoundTrip(String transport) throws Exception {
		RepSocket rep = rep();
		ReqSocket req = req();
		req.dial(rep.listen(listenUrl(transport)));
		SplittableRandom random = new SplittableRandom(42);
		for (int size : new int[] { 0, 1, 4096, 64 * 1024 + 3, 3 * 1024 * 1024 }) {
			byte[] body = new byte[size];
			random.nextBytes(body);
			req.send(body);
			byte[] received = rep.receive();
			assertThat(Arrays.mismatch(received, body)).as("request of %d bytes", size).isEqualTo(-1);
			byte[] reversed = reverse(body);
			rep.send(reversed);
			assertThat(Arrays.mismatch(req.receive(), reversed)).as("reply of %d bytes", size).isEqualTo(-1);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void severalRequestersOnTheirOwnThreadsEachGetTheirOwnReplies(String transport) throws Exception {
		RepSocket rep = rep();
		String url = rep.listen(listenUrl(transport));
		int requesters = 4;
		int rounds = 200;
		ExecutorService executor = Executors.newFixedThreadPool(requesters + 1);
		try {
			Future<?> server = executor.submit(() -> {
				for (int i = 0; i < requesters * rounds; i++) {
					byte[] request = rep.receive();
					rep.send(("re:" + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
				}
				return null;
			});
			List<Future<?>> clients = new ArrayList<>();
			for (int r = 0; r < requesters; r++) {
				int requester = r;
				ReqSocket req = req();
				req.dial(url);
				clients.add(executor.submit(() -> {
					for (int i = 0; i < rounds; i++) {
						String request = requester + "/" + i;
						req.send(request.getBytes(StandardCharsets.UTF_8));
						assertThat(new String(req.receive(), StandardCharsets.UTF_8)).isEqualTo("re:" + request);
					}
					return null;
				}));
			}
			for (Future<?> client : clients) {
				client.get(20, TimeUnit.SECONDS);
			}
			server.get(5, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void repDoesNotAcceptARepPeer() throws Exception {
		RepSocket rep = rep();
		RepSocket other = rep();
		String url = rep.listen(ipcUrl("rep"));
		other.setReconnect(Duration.ofMillis(100), Duration.ofMillis(100));
		other.dial(url);
		ReqSocket req = req();
		req.dial(url);
		await().during(SHORT).atMost(LONG).until(() -> rep.pipeCount() == 1 && other.pipeCount() == 0);
	}

	private RawPeer.Server rawServer(String transport) throws Exception {
		return track(RawPeer.Server.listen(listenUrl(transport)));
	}

	private static byte[] remaining(ByteBuffer buffer) {
		byte[] rest = new byte[buffer.remaining()];
		buffer.get(rest);
		return rest;
	}

	private static byte[] reverse(byte[] bytes) {
		byte[] reversed = new byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			reversed[i] = bytes[bytes.length - 1 - i];
		}
		return reversed;
	}

}
