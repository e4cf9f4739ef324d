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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * Tests for closing sockets: blocked callers wake at once, operations afterwards fail
 * with {@link NngClosedException}, and threads, file descriptors and socket files all go
 * (isolated, as it counts process-wide resources).
 */
@Isolated
@Timeout(60)
class CloseTests {

	private static final Duration PROMPT = Duration.ofSeconds(1);

	private static final Duration LONG = Duration.ofSeconds(5);

	private static final int REQ0 = 0x30;

	private static final int PULL0 = 0x51;

	private static final int BIG = 32 * 1024 * 1024;

	@TempDir
	Path directory;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private int names;

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void closeWakesABlockedPullReceive() throws Exception {
		PullSocket pull = track(new PullSocket());
		pull.listen(ipcUrl());
		assertClosingWakes(pull, pull::receive);
	}

	@Test
	void closeWakesABlockedRepReceive() throws Exception {
		RepSocket rep = track(new RepSocket());
		rep.listen(ipcUrl());
		assertClosingWakes(rep, rep::receive);
	}

	@Test
	void closeWakesAReqReceiveWaitingForAReply() throws Exception {
		RepSocket rep = track(new RepSocket());
		ReqSocket req = track(new ReqSocket());
		req.dial(rep.listen(ipcUrl()));
		req.send("never answered".getBytes());
		assertClosingWakes(req, req::receive);
	}

	@Test
	void closeWakesAPushSendWaitingForAPeer() throws Exception {
		PushSocket push = track(new PushSocket());
		assertClosingWakes(push, () -> push.send("nobody".getBytes()));
	}

	@Test
	void closeWakesAReqSendWaitingForAPeer() throws Exception {
		ReqSocket req = track(new ReqSocket());
		assertClosingWakes(req, () -> req.send("nobody".getBytes()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void closeWakesAPushSendBlockedOnAPeerThatDoesNotRead(String transport) throws Exception {
		RawPeer.Server server = track(RawPeer.Server.listen(listenUrl(transport)));
		PushSocket push = track(new PushSocket());
		push.dial(server.url());
		RawPeer pull = track(server.accept());
		pull.handshake(PULL0);
		await().atMost(LONG).until(() -> push.pipeCount() == 1);
		assertClosingWakes(push, () -> push.send(new byte[BIG]));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void closeWakesARepSendBlockedOnAPeerThatDoesNotRead(String transport) throws Exception {
		RepSocket rep = track(new RepSocket());
		RawPeer req = track(RawPeer.connect(rep.listen(listenUrl(transport))));
		req.handshake(REQ0);
		req.sendFrame(new int[] { 0x80000001 }, "send me a lot".getBytes());
		rep.setReceiveTimeout(LONG);
		rep.receive();
		try {
			assertClosingWakes(rep, () -> rep.send(new byte[BIG]));
		}
		finally {
			// Unblocks the send if close could not.
			req.close();
		}
	}

	@Test
	void closeIsPromptAndIdempotentWithConnectionsOpen() throws Exception {
		PullSocket pull = track(new PullSocket());
		String ipc = pull.listen(ipcUrl());
		String tcp = pull.listen("tcp://127.0.0.1:0");
		PushSocket first = track(new PushSocket());
		PushSocket second = track(new PushSocket());
		first.dial(ipc);
		second.dial(tcp);
		await().atMost(LONG).until(() -> pull.pipeCount() == 2);
		long start = System.nanoTime();
		pull.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
		assertThat(pull.isClosed()).isTrue();
		pull.close();
		await().atMost(LONG).until(() -> first.pipeCount() == 0 && second.pipeCount() == 0);
	}

	@Test
	void sendAndReceiveAfterCloseThrowClosed() throws Exception {
		PushSocket push = new PushSocket();
		PullSocket pull = new PullSocket();
		ReqSocket req = new ReqSocket();
		RepSocket rep = new RepSocket();
		for (NngSocket socket : List.of(push, pull, req, rep)) {
			socket.close();
		}
		assertThatExceptionOfType(NngClosedException.class).isThrownBy(() -> push.send(new byte[1]));
		assertThatExceptionOfType(NngClosedException.class).isThrownBy(pull::receive);
		assertThatExceptionOfType(NngClosedException.class).isThrownBy(() -> req.send(new byte[1]));
		assertThatExceptionOfType(NngClosedException.class).isThrownBy(req::receive);
		assertThatExceptionOfType(NngClosedException.class).isThrownBy(rep::receive);
		assertThatExceptionOfType(NngClosedException.class).isThrownBy(() -> rep.send(new byte[1]));
	}

	@Test
	void listenAfterCloseThrowsClosed() {
		PullSocket pull = new PullSocket();
		pull.close();
		assertThatExceptionOfType(NngException.class).isThrownBy(() -> pull.listen(ipcUrl()))
			.isExactlyInstanceOf(NngClosedException.class);
	}

	@Test
	void dialAfterCloseThrowsClosed() throws Exception {
		PullSocket pull = track(new PullSocket());
		String url = pull.listen(ipcUrl());
		PushSocket push = new PushSocket();
		push.close();
		assertThatExceptionOfType(NngException.class).isThrownBy(() -> push.dial(url))
			.isExactlyInstanceOf(NngClosedException.class);
	}

	@Test
	void dialAsyncAfterCloseThrowsClosed() {
		PushSocket push = new PushSocket();
		push.close();
		assertThatExceptionOfType(NngException.class).isThrownBy(() -> push.dialAsync(ipcUrl()))
			.isExactlyInstanceOf(NngClosedException.class);
	}

	/**
	 * Closes 50 sockets that had connections and checks that every loop thread, file
	 * descriptor and socket file they used is gone. The JDK opens a few descriptors once
	 * per process and keeps them (the pre-close socket pair of its socket dispatcher, jar
	 * files of classes loaded for the first time), so the same work is done once before
	 * the baseline is taken; after that the comparison is exact: no descriptor may be
	 * open that was not open before, and none may point elsewhere. Descriptors that
	 * closed meanwhile (another test's garbage being cleaned) are not counted against us.
	 */
	@Test
	void closingFiftySocketsWithConnectionsReturnsThreadsDescriptorsAndSocketFilesToBaseline() throws Exception {
		exercise(8, Files.createDirectory(this.directory.resolve("warm-up")));
		Map<String, String> descriptors = openDescriptors();
		Set<Thread> threads = nngThreads();
		Path folder = Files.createDirectory(this.directory.resolve("sockets"));
		exercise(50, folder);
		await().atMost(LONG).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertSoftly((softly) -> {
			softly.assertThat(newThreads(threads)).as("nng threads still running").isEmpty();
			softly.assertThat(newDescriptors(descriptors)).as("file descriptors not released").isEmpty();
		}));
		try (Stream<Path> files = Files.list(folder)) {
			assertThat(files.toList()).as("files left in the socket folder").isEmpty();
		}
	}

	/**
	 * Opens {@code count} sockets (at least 4, even): connected pairs over ipc and tcp
	 * that each pass a message, one PUSH left with a timed-out, half-written frame, and
	 * one dialer still retrying a missing address; then closes them all.
	 */
	private void exercise(int count, Path folder) throws Exception {
		List<NngSocket> sockets = new ArrayList<>();
		try {
			PushSocket retrying = new PushSocket();
			sockets.add(retrying);
			retrying.setReconnect(Duration.ofMillis(10), Duration.ofMillis(20));
			retrying.dialAsync("ipc://" + folder.resolve("missing.ipc"));
			for (int i = 0; i < count / 2 - 1; i++) {
				String url = (i % 2 == 0) ? "ipc://" + folder.resolve("p" + i + ".ipc") : "tcp://127.0.0.1:0";
				if (i % 4 < 2) {
					PullSocket pull = new PullSocket();
					PushSocket push = new PushSocket();
					sockets.add(push);
					sockets.add(pull);
					push.setSendTimeout(LONG);
					pull.setReceiveTimeout(LONG);
					push.dial(pull.listen(url));
					push.send("hello".getBytes());
					assertThat(pull.receive()).isEqualTo("hello".getBytes());
				}
				else {
					RepSocket rep = new RepSocket();
					ReqSocket req = new ReqSocket();
					sockets.add(req);
					sockets.add(rep);
					req.setSendTimeout(LONG);
					req.setReceiveTimeout(LONG);
					rep.setReceiveTimeout(LONG);
					rep.setSendTimeout(LONG);
					req.dial(rep.listen(url));
					req.send("ping".getBytes());
					assertThat(rep.receive()).isEqualTo("ping".getBytes());
					rep.send("pong".getBytes());
					assertThat(req.receive()).isEqualTo("pong".getBytes());
				}
			}
			try (RawPeer.Server server = RawPeer.Server.listen("ipc://" + folder.resolve("raw.ipc"))) {
				PushSocket push = new PushSocket();
				sockets.add(push);
				push.dial(server.url());
				try (RawPeer pull = server.accept()) {
					pull.handshake(PULL0);
					await().atMost(LONG).until(() -> push.pipeCount() == 1);
					push.setSendTimeout(Duration.ofMillis(50));
					assertThatExceptionOfType(NngTimeoutException.class).isThrownBy(() -> {
						while (true) {
							push.send(new byte[1024 * 1024]);
						}
					});
				}
			}
		}
		finally {
			for (NngSocket socket : sockets) {
				socket.close();
			}
		}
	}

	private void assertClosingWakes(NngSocket socket, Blocking blocking) throws Exception {
		Future<Throwable> blocked = this.executor.submit(() -> {
			try {
				blocking.run();
				return null;
			}
			catch (Throwable ex) {
				return ex;
			}
		});
		await().during(Duration.ofMillis(200)).atMost(LONG).until(() -> !blocked.isDone());
		long start = System.nanoTime();
		Future<?> closing = this.executor.submit((Callable<Void>) () -> {
			socket.close();
			return null;
		});
		Throwable outcome;
		try {
			outcome = blocked.get(PROMPT.toMillis(), TimeUnit.MILLISECONDS);
			closing.get(PROMPT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("still blocked " + PROMPT.toMillis() + " ms after close (blocked call "
					+ (blocked.isDone() ? "returned" : "still waiting") + ", close "
					+ (closing.isDone() ? "returned" : "still waiting") + ")");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
		assertThat(outcome).as("what the call blocked at close ended with (null: it returned normally)")
			.isInstanceOf(NngClosedException.class);
	}

	private static Map<String, String> openDescriptors() {
		Map<String, String> descriptors = new HashMap<>();
		try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
			for (Path entry : entries.toList()) {
				try {
					descriptors.put(entry.getFileName().toString(), Files.readSymbolicLink(entry).toString());
				}
				catch (IOException ex) {
					// closed while listing, such as the listing's own descriptor
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return descriptors;
	}

	private static Map<String, String> newDescriptors(Map<String, String> baseline) {
		Map<String, String> added = new HashMap<>();
		openDescriptors().forEach((fd, target) -> {
			boolean listing = target.startsWith("/proc/") && target.endsWith("/fd");
			if (!listing && !target.equals(baseline.get(fd))) {
				added.put(fd, target);
			}
		});
		return added;
	}

	private static Set<Thread> nngThreads() {
		Set<Thread> threads = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("nng-") && thread.isAlive()) {
				threads.add(thread);
			}
		}
		return threads;
	}

	private static List<String> newThreads(Set<Thread> baseline) {
		return nngThreads().stream().filter((thread) -> !baseline.contains(thread)).map(Thread::getName).toList();
	}

	private String listenUrl(String transport) {
		return transport.equals("ipc") ? ipcUrl() : "tcp://127.0.0.1:0";
	}

	private String ipcUrl() {
		return "ipc://" + this.directory.resolve("s" + (++this.names) + ".ipc");
	}

	private <T extends AutoCloseable> T track(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	/** A call that blocks until the socket is closed. */
	@FunctionalInterface
	private interface Blocking {

		void run() throws Exception;

	}

}
