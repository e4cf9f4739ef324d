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
package dev.ekuiper.plugin.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngMessageTooLargeException;
import dev.ekuiper.plugin.nng.NngSocket;
import dev.ekuiper.plugin.nng.NngTimeoutException;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.nng.RawPeer;
import dev.ekuiper.plugin.nng.RepSocket;
import dev.ekuiper.plugin.nng.ReqSocket;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin's sockets that read what the host sends, fed any bytes over a raw
 * connection: a PULL (as a sink's data channel) and a REQ (as the control and function
 * channels, which read the host's replies). After each input the raw connection is gone,
 * the socket still has its one well-behaved peer, a message from that peer gets through
 * (after any message of the raw connection, an oversize one surfacing as
 * {@link NngMessageTooLargeException}), and the transport logged no error (an error means
 * its event loop or a handler failed).
 *
 * <p>
 * Input layout: bit 0 of byte 0 picks PULL or REQ, bit 1 sends the bytes without the SP
 * header a peer of that socket would send first; the rest is written as it is.
 */
class SocketFuzzTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final long MAX_RECEIVE_SIZE = 4096;

	private static final AtomicLong markers = new AtomicLong();

	private static Sockets sockets;

	@FuzzTest(maxDuration = "5m")
	void socketSurvivesAnyBytesFromARawConnection(byte[] input) throws Exception {
		if (input.length == 0) {
			return;
		}
		Sockets open = sockets();
		boolean pull = (input[0] & 1) == 0;
		boolean withHeader = (input[0] & 2) == 0;
		String url = pull ? open.pullUrl : open.reqUrl;
		try (RawPeer peer = RawPeer.connect(url)) {
			if (withHeader) {
				peer.sendHeader(pull ? 0x50 : 0x31);
			}
			peer.write(Arrays.copyOfRange(input, 1, input.length));
		}
		catch (IOException ex) {
			// The socket closed the connection while we wrote: what a bad peer gets.
		}
		if (pull) {
			awaitOnePeerDraining(open.pull);
			assertPullServes(open);
		}
		else {
			awaitOnePeer(open.req);
			assertReqServes(open);
		}
		assertThat(open.errors.list).as("errors logged by the transport").isEmpty();
	}

	@AfterAll
	static void closeSockets() throws IOException {
		if (sockets != null) {
			sockets.close();
			sockets = null;
		}
	}

	private static void awaitOnePeerDraining(PullSocket pull) throws NngException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (pull.pipeCount() != 1) {
			assertThat(System.nanoTime()).as("the raw connection is closed in time").isLessThan(deadline);
			try {
				pull.receive(Duration.ofMillis(1));
			}
			catch (NngTimeoutException | NngMessageTooLargeException ex) {
				// nothing queued, or an oversize message from the raw connection skipped
			}
		}
	}

	private static void awaitOnePeer(ReqSocket req) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (req.pipeCount() != 1) {
			assertThat(System.nanoTime()).as("the raw connection is closed in time").isLessThan(deadline);
			Thread.sleep(1);
		}
	}

	private static void assertPullServes(Sockets open) throws NngException {
		byte[] marker = marker();
		open.push.send(marker);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!Arrays.equals(receiveSkippingOversize(open.pull), marker)) {
			assertThat(System.nanoTime()).as("the marker arrives in time").isLessThan(deadline);
		}
	}

	private static byte[] receiveSkippingOversize(PullSocket pull) throws NngException {
		try {
			return pull.receive(WAIT);
		}
		catch (NngMessageTooLargeException ex) {
			assertThat(ex.getMessage()).contains("exceeds the max receive size of " + MAX_RECEIVE_SIZE);
			return null;
		}
	}

	private static void assertReqServes(Sockets open) throws NngException {
		byte[] marker = marker();
		open.req.send(marker);
		assertThat(open.rep.receive()).isEqualTo(marker);
		open.rep.send(marker);
		assertThat(open.req.receive()).isEqualTo(marker);
	}

	private static byte[] marker() {
		return ("marker-" + markers.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
	}

	private static synchronized Sockets sockets() throws Exception {
		if (sockets == null) {
			sockets = new Sockets();
		}
		return sockets;
	}

	/** The sockets under test, each with one well-behaved peer, shared by every input. */
	private static final class Sockets {

		private final Path directory = Files.createTempDirectory(Path.of("/tmp"), "fuzz");

		private final PullSocket pull = new PullSocket();

		private final PushSocket push = new PushSocket();

		private final ReqSocket req = new ReqSocket();

		private final RepSocket rep = new RepSocket();

		private final String pullUrl = "ipc://" + this.directory.resolve("pull.ipc");

		private final String reqUrl = "ipc://" + this.directory.resolve("req.ipc");

		private final ListAppender<ILoggingEvent> errors = new ListAppender<>();

		private final Level level = nngLogger().getLevel();

		Sockets() throws Exception {
			// Bad peers are warned about once per input; only errors matter here.
			nngLogger().setLevel(Level.ERROR);
			this.errors.start();
			nngLogger().addAppender(this.errors);
			for (NngSocket socket : new NngSocket[] { this.pull, this.push, this.req, this.rep }) {
				socket.setMaxReceiveSize(MAX_RECEIVE_SIZE);
				socket.setSendTimeout(WAIT);
				socket.setReceiveTimeout(WAIT);
			}
			this.pull.listen(this.pullUrl);
			this.push.dial(this.pullUrl);
			this.req.listen(this.reqUrl);
			this.rep.dial(this.reqUrl);
			awaitOnePeer(this.req);
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (this.pull.pipeCount() != 1 && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
		}

		void close() throws IOException {
			this.push.close();
			this.pull.close();
			this.rep.close();
			this.req.close();
			nngLogger().detachAppender(this.errors);
			nngLogger().setLevel(this.level);
			try (Stream<Path> files = Files.walk(this.directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}

		private static Logger nngLogger() {
			return (Logger) LoggerFactory.getLogger("dev.ekuiper.plugin.nng");
		}

	}

}
