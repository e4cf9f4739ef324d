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
package dev.ekuiper.plugin.nng.interop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.ekuiper.plugin.nng.NngSocket;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.nng.RepSocket;
import dev.ekuiper.plugin.nng.ReqSocket;
import dev.ekuiper.plugin.nng.interop.CapturedVectors.Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.ekuiper.plugin.nng.interop.Waits.WAIT;
import static dev.ekuiper.plugin.nng.interop.Waits.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the SP bytes captured from libnng ({@code shared/sp-vectors/captured.json})
 * over plain ipc and tcp connections against our sockets: what we send must have the
 * captured bytes, what libnng sends must be understood, and every crafted bad input must
 * close only the connection that carried it.
 */
@Timeout(30)
class CapturedVectorsTests {

	/** Well under the 10 s handshake timeout, so a close "at once" is told apart. */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

	private static CapturedVectors vectors;

	@TempDir
	Path folder;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private String listening;

	@BeforeAll
	static void loadVectors() {
		vectors = CapturedVectors.load();
	}

	@AfterEach
	void closeResources() throws Exception {
		Exception failure = null;
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			try {
				this.resources.get(i).close();
			}
			catch (Exception ex) {
				failure = (failure != null) ? failure : ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void repAnswersTheCapturedRequestWithTheCapturedReplyBytes(Transport transport) throws Exception {
		RepSocket rep = open(new RepSocket());
		RawConnection req = connect(rep, transport, "rep-header", "req-header");
		req.write(vectors.get(transport, "req-handshake").bytes());
		assertThat(text(rep.receive())).isEqualTo("handshake");
		Vector reply = vectors.get(transport, "rep-reply");
		rep.send(reply.body(1));
		assertThat(hex(req.readFrame(transport, WAIT))).isEqualTo(hex(reply.bytes()));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void repEchoesTheWholeBacktraceOfTheCapturedHopRequest(Transport transport) throws Exception {
		RepSocket rep = open(new RepSocket());
		RawConnection req = connect(rep, transport, "rep-header", "req-header");
		req.write(vectors.get(transport, "hop-request").bytes());
		assertThat(text(rep.receive())).isEqualTo("hi");
		rep.send(text("OK"));
		assertThat(hex(req.readFrame(transport, WAIT))).isEqualTo(hex(vectors.get(transport, "hop-reply").bytes()));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void repAnswersABacktraceOfEightWordsAndDropsOneOfNineKeepingTheConnection(Transport transport) throws Exception {
		RepSocket rep = open(new RepSocket());
		RawConnection req = connect(rep, transport, "rep-header", "req-header");
		req.write(RawConnection.frame(transport, request(9, 0x80000009, "nine")));
		byte[] eight = request(8, 0x80000008, "eight");
		req.write(RawConnection.frame(transport, eight));
		assertThat(text(rep.receive())).isEqualTo("eight");
		rep.send(text("ok"));
		byte[] expected = Arrays.copyOf(eight, 8 * 4 + 2);
		System.arraycopy(text("ok"), 0, expected, 8 * 4, 2);
		assertThat(hex(req.readFrame(transport, WAIT))).isEqualTo(hex(RawConnection.frame(transport, expected)));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void pullReceivesTheCapturedPushMessage(Transport transport) throws Exception {
		PullSocket pull = open(new PullSocket());
		RawConnection push = connect(pull, transport, "pull-header", "push-header");
		Vector message = vectors.get(transport, "push-message");
		push.write(message.bytes());
		assertThat(text(pull.receive())).isEqualTo("{\"message\":{\"v\":1},\"meta\":null}")
			.isEqualTo(text(message.body(0)));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void pullDeliversTheCapturedZeroLengthMessageAsEmptyAndKeepsTheConnection(Transport transport) throws Exception {
		PullSocket pull = open(new PullSocket());
		RawConnection push = connect(pull, transport, "pull-header", "push-header");
		push.write(vectors.get(transport, "zero-length-message").bytes());
		assertThat(pull.receive()).isEmpty();
		push.write(RawConnection.frame(transport, text("after")));
		assertThat(text(pull.receive())).isEqualTo("after");
		assertThat(pull.pipeCount()).isOne();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void pullDeliversNothingOfAFrameCutShortByAClosedConnectionAndKeepsTheOthers(Transport transport) throws Exception {
		PullSocket pull = open(new PullSocket());
		RawConnection good = connect(pull, transport, "pull-header", "push-header");
		RawConnection cut = RawConnection.connect(url(pull, transport));
		this.resources.add(cut);
		cut.read(8, WAIT);
		cut.write(vectors.get(transport, "push-header").bytes());
		awaitUntil(() -> pull.pipeCount() == 2);
		byte[] whole = RawConnection.frame(transport, text("never delivered in full"));
		cut.write(Arrays.copyOf(whole, whole.length - 5));
		cut.close();
		awaitUntil(() -> pull.pipeCount() == 1);
		good.write(RawConnection.frame(transport, text("ping")));
		assertThat(text(pull.receive())).isEqualTo("ping");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void pullTakesTheMessageOfAConnectionThatFollowsOneClosedBeforeItsHeader(Transport transport) throws Exception {
		PullSocket pull = open(new PullSocket());
		RawConnection.connect(url(pull, transport)).close();
		RawConnection push = connect(pull, transport, "pull-header", "push-header");
		push.write(vectors.get(transport, "push-message").bytes());
		assertThat(pull.receive()).isEqualTo(vectors.get(transport, "push-message").body(0));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reqSendsTheCapturedHeaderAndRequestFramesOfTheCapturedLayout(Transport transport) throws Exception {
		ReqSocket req = open(new ReqSocket());
		RawConnection rep = accept(req, transport, "req-header", "rep-header");
		Vector captured = vectors.get(transport, "req-handshake");
		int prefix = captured.bytes().length - captured.content().length;
		req.send(text("handshake"));
		byte[] first = rep.readFrame(transport, WAIT);
		assertThat(first).hasSameSizeAs(captured.bytes());
		assertThat(hex(Arrays.copyOf(first, prefix))).as("framing prefix")
			.isEqualTo(hex(Arrays.copyOf(captured.bytes(), prefix)));
		assertThat(hex(Arrays.copyOfRange(first, prefix + 4, first.length))).as("body")
			.isEqualTo(hex(captured.body(1)));
		int id = ByteBuffer.wrap(first, prefix, 4).getInt();
		assertThat(id).as("request id has its top bit set").isNegative();
		Vector reply = vectors.get(transport, "rep-reply");
		rep.write(withId(reply, id));
		assertThat(text(req.receive())).isEqualTo("{\"cmd\":\"start\",\"arg\":\"{}\"}");
		req.send(text("handshake"));
		byte[] second = rep.readFrame(transport, WAIT);
		assertThat(ByteBuffer.wrap(second, prefix, 4).getInt()).as("next request id").isEqualTo((id + 1) | 0x80000000);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reqDropsAReplyWithAnotherIdAndTakesTheRightOneLater(Transport transport) throws Exception {
		ReqSocket req = open(new ReqSocket());
		RawConnection rep = accept(req, transport, "req-header", "rep-header");
		req.send(text("handshake"));
		byte[] request = rep.readFrame(transport, WAIT);
		int prefix = request.length - text("handshake").length - 4;
		int id = ByteBuffer.wrap(request, prefix, 4).getInt();
		Vector reply = vectors.get(transport, "rep-reply");
		rep.write(withId(reply, id ^ 0x00000001));
		rep.write(withId(reply, id));
		assertThat(text(req.receive())).isEqualTo(text(reply.body(1)));
		assertThat(req.pipeCount()).isOne();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void pushSendsTheCapturedHeaderAndMessageBytes(Transport transport) throws Exception {
		PushSocket push = open(new PushSocket());
		RawConnection pull = accept(push, transport, "push-header", "pull-header");
		Vector message = vectors.get(transport, "push-message");
		push.send(message.body(0));
		assertThat(hex(pull.readFrame(transport, WAIT))).isEqualTo(hex(message.bytes()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ipc-bad-magic-header", "tcp-bad-magic-header", "ipc-incompatible-header",
			"tcp-incompatible-header", "ipc-reserved-bytes-header", "tcp-reserved-bytes-header", "ipc-request-no-id",
			"tcp-request-no-id", "ipc-request-too-short", "tcp-request-too-short", "ipc-bad-type-byte",
			"ipc-huge-length", "tcp-huge-length" })
	void badInputClosesThatConnectionOnlyWhileAnotherKeepsWorking(String name) throws Exception {
		Vector bad = vectors.get(name);
		Transport transport = bad.transport();
		boolean toRep = bad.direction().endsWith("->rep");
		NngSocket socket = open(toRep ? new RepSocket() : new PullSocket());
		String ourHeader = toRep ? "rep-header" : "pull-header";
		String peerHeader = toRep ? "req-header" : "push-header";
		RawConnection good = connect(socket, transport, ourHeader, peerHeader);
		RawConnection wrong = RawConnection.connect(url(socket, transport));
		this.resources.add(wrong);
		if (!name.endsWith("-header")) {
			wrong.write(vectors.get(transport, peerHeader).bytes());
		}
		wrong.write(bad.bytes());
		assertThat(hex(wrong.readToEnd(CLOSE_WAIT))).as("all we sent before closing: our header")
			.isEqualTo(hex(vectors.get(transport, ourHeader).bytes()));
		awaitUntil(() -> socket.pipeCount() == 1);
		if (socket instanceof RepSocket rep) {
			good.write(RawConnection.frame(transport, request(1, 0x80000001, "ping")));
			assertThat(text(rep.receive())).isEqualTo("ping");
			rep.send(text("pong"));
			assertThat(hex(good.readFrame(transport, WAIT)))
				.isEqualTo(hex(RawConnection.frame(transport, request(1, 0x80000001, "pong"))));
		}
		else {
			good.write(RawConnection.frame(transport, text("ping")));
			assertThat(text(((PullSocket) socket).receive())).isEqualTo("ping");
		}
	}

	private <S extends NngSocket> S open(S socket) {
		socket.setSendTimeout(WAIT);
		socket.setReceiveTimeout(WAIT);
		this.resources.add(socket);
		return socket;
	}

	/**
	 * Makes our socket listen and connects a raw peer to it; checks that our header comes
	 * at once, before the peer sends its own, then sends the peer's.
	 */
	private RawConnection connect(NngSocket socket, Transport transport, String ourHeader, String peerHeader)
			throws Exception {
		RawConnection peer = RawConnection.connect(url(socket, transport));
		this.resources.add(peer);
		assertThat(hex(peer.read(8, WAIT))).as("our header").isEqualTo(hex(vectors.get(transport, ourHeader).bytes()));
		peer.write(vectors.get(transport, peerHeader).bytes());
		awaitUntil(() -> socket.pipeCount() == 1);
		return peer;
	}

	/** Returns the URL our socket listens on, listening the first time. */
	private String url(NngSocket socket, Transport transport) throws Exception {
		if (this.listening == null) {
			String url = (transport == Transport.IPC) ? "ipc://" + this.folder.resolve("ours.sock").toAbsolutePath()
					: "tcp://127.0.0.1:0";
			this.listening = socket.listen(url);
		}
		return this.listening;
	}

	/**
	 * Makes our socket dial a raw listener; checks our header, then sends the peer's.
	 */
	private RawConnection accept(NngSocket socket, Transport transport, String ourHeader, String peerHeader)
			throws Exception {
		RawConnection.Listener listener = RawConnection.Listener.open(transport, this.folder);
		this.resources.add(listener);
		socket.dial(listener.url());
		RawConnection peer = listener.accept(WAIT);
		this.resources.add(peer);
		assertThat(hex(peer.read(8, WAIT))).as("our header").isEqualTo(hex(vectors.get(transport, ourHeader).bytes()));
		peer.write(vectors.get(transport, peerHeader).bytes());
		awaitUntil(() -> socket.pipeCount() == 1);
		return peer;
	}

	/** A request with {@code words - 1} hop words, then the id, then the body. */
	private static byte[] request(int words, int id, String body) {
		byte[] text = text(body);
		ByteBuffer request = ByteBuffer.allocate(4 * words + text.length);
		for (int hop = 1; hop < words; hop++) {
			request.putInt(hop);
		}
		return request.putInt(id).put(text).array();
	}

	/** The captured reply frame with its request id replaced. */
	private static byte[] withId(Vector reply, int id) {
		byte[] frame = reply.bytes().clone();
		int prefix = frame.length - reply.content().length;
		ByteBuffer.wrap(frame, prefix, 4).putInt(id);
		return frame;
	}

	private static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String hex(byte[] bytes) {
		return Bytes.toHex(bytes);
	}

}
