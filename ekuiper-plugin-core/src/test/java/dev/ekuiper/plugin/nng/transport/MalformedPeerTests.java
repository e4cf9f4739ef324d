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
package dev.ekuiper.plugin.nng.transport;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ekuiper.plugin.nng.RawPeer;
import dev.ekuiper.plugin.nng.RepSocket;
import dev.ekuiper.plugin.nng.ReqSocket;
import dev.ekuiper.plugin.nng.wire.RawBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a peer breaking the SP wire format loses its own connection, with one
 * warning, while other connections of the same socket carry on.
 */
@Timeout(30)
class MalformedPeerTests {

	private static final Duration LONG = Duration.ofSeconds(5);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(300);

	private static final long MAX_RECEIVE_SIZE = 64;

	private static final int REQ0 = 0x30;

	@TempDir
	Path directory;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		nngLogger().addAppender(this.logs);
	}

	@AfterEach
	void closeAll() throws Exception {
		nngLogger().detachAppender(this.logs);
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

	@ParameterizedTest(name = "{1} over {0}")
	@MethodSource("misbehaviours")
	void onlyTheBadConnectionIsClosedWithOneWarning(String transport, Misbehaviour misbehaviour) throws Exception {
		RepSocket rep = track(new RepSocket());
		rep.setReceiveTimeout(LONG);
		rep.setMaxReceiveSize(MAX_RECEIVE_SIZE);
		rep.transportOptions().handshakeTimeout(HANDSHAKE_TIMEOUT);
		String url = rep
			.listen(transport.equals("ipc") ? "ipc://" + this.directory.resolve("rep.ipc") : "tcp://127.0.0.1:0");
		ReqSocket before = requester(url);
		assertRoundTrip(before, rep, new byte[(int) MAX_RECEIVE_SIZE - 4]);
		RawPeer bad = track(RawPeer.connect(url));
		long start = System.nanoTime();
		misbehaviour.act(bad);
		assertThat(bad.awaitClosed(LONG)).as("the bad peer sees its connection end").isTrue();
		Duration closedAfter = Duration.ofNanos(System.nanoTime() - start);
		if (misbehaviour == Misbehaviour.NEVER_SENDS_THE_HEADER) {
			assertThat(closedAfter).isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT);
		}
		ReqSocket after = requester(url);
		await().atMost(LONG).until(() -> rep.pipeCount() == 2);
		assertRoundTrip(before, rep, "still here".getBytes());
		assertRoundTrip(after, rep, "new here".getBytes());
		assertThat(warnings()).as("warnings logged for the bad connection")
			.singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("closed connection accepted on")
				.contains(misbehaviour.warning));
	}

	static Stream<Arguments> misbehaviours() {
		return Stream.of("ipc", "tcp")
			.flatMap((transport) -> Stream.of(Misbehaviour.values())
				.filter((misbehaviour) -> transport.equals("ipc") || misbehaviour != Misbehaviour.BAD_IPC_TYPE_BYTE)
				.map((misbehaviour) -> Arguments.of(transport, misbehaviour)));
	}

	private ReqSocket requester(String url) throws Exception {
		ReqSocket req = track(new ReqSocket());
		req.setReceiveTimeout(LONG);
		req.setSendTimeout(LONG);
		req.dial(url);
		return req;
	}

	private static void assertRoundTrip(ReqSocket req, RepSocket rep, byte[] body) throws Exception {
		req.send(body);
		assertThat(rep.receive()).isEqualTo(body);
		rep.send(body);
		assertThat(req.receive()).isEqualTo(body);
	}

	private List<ILoggingEvent> warnings() {
		synchronized (this.logs) {
			return this.logs.list.stream().filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).toList();
		}
	}

	private <T extends AutoCloseable> T track(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	private static Logger nngLogger() {
		return (Logger) LoggerFactory.getLogger("dev.ekuiper.plugin.nng");
	}

	/** Ways a peer breaks the wire format, each with what the warning says. */
	enum Misbehaviour {

		BAD_MAGIC("magic") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.write(RawBytes.hex("0053510000300000"));
			}
		},

		NON_ZERO_RESERVED_BYTES("reserved") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.write(RawBytes.hex("0053500000300100"));
			}
		},

		WRONG_PROTOCOL("protocol 0x0050") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.sendHeader(0x50);
			}
		},

		BAD_IPC_TYPE_BYTE("type byte") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.handshake(REQ0);
				peer.write(RawBytes.hex("0200000000000000026869"));
			}
		},

		LENGTH_ABOVE_MAX_RECEIVE_SIZE("max receive size") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.handshake(REQ0);
				peer.sendFrame(new int[] { 0x80000001 }, new byte[(int) MAX_RECEIVE_SIZE - 3]);
			}
		},

		HUGE_LENGTH("1099511627776") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.handshake(REQ0);
				ByteBuffer prefix = ByteBuffer.allocate(peer.framing().prefixLength());
				peer.framing().writePrefix(prefix, 1L << 40);
				peer.write(prefix.array());
			}
		},

		REQUEST_SHORTER_THAN_AN_ID("shorter than a request id") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.handshake(REQ0);
				peer.sendFrame(new int[0], new byte[] { (byte) 0x80, 0, 0 });
			}
		},

		REQUEST_WITH_NO_ID("no request id") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.handshake(REQ0);
				peer.sendFrame(new int[] { 1 }, new byte[0]);
			}
		},

		TRUNCATED_FRAME_THEN_CLOSE("") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.handshake(REQ0);
				byte[] frame = RawBytes.frame(peer.framing(), new int[] { 0x80000001 }, new byte[40]);
				byte[] truncated = new byte[peer.framing().prefixLength() + 10];
				System.arraycopy(frame, 0, truncated, 0, truncated.length);
				peer.write(truncated);
				peer.shutdownOutput();
			}
		},

		NEVER_SENDS_THE_HEADER("no SP header") {
			@Override
			void act(RawPeer peer) throws Exception {
				peer.write(RawBytes.hex("005350"));
			}
		};

		private final String warning;

		Misbehaviour(String warning) {
			this.warning = warning;
		}

		abstract void act(RawPeer peer) throws Exception;

	}

}
