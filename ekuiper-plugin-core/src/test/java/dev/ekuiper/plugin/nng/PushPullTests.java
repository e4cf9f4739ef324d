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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ekuiper.plugin.nng.wire.RawBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PushSocket} and {@link PullSocket}: distribution across peers,
 * backpressure without loss, timeouts, concurrency and the bytes on the wire.
 */
@Timeout(30)
class PushPullTests extends SocketTestSupport {

	private static final int PUSH0 = 0x50;

	private static final int PULL0 = 0x51;

	@Test
	void pushWithNoPeerWaitsUpToTheSendTimeoutAndStaysUsable() throws Exception {
		PushSocket push = push();
		push.setSendTimeout(SHORT);
		long start = System.nanoTime();
		assertThatExceptionOfType(NngException.class).isThrownBy(() -> push.send("lost".getBytes()))
			.isExactlyInstanceOf(NngTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT).isLessThan(LONG);
		PullSocket pull = pull();
		push.dial(pull.listen(listenUrl("ipc")));
		push.setSendTimeout(LONG);
		push.send("found".getBytes());
		assertThat(pull.receive()).isEqualTo("found".getBytes());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void pullReceiveTimeoutThrowsTimeoutAndStaysUsable(String transport) throws Exception {
		PullSocket pull = pull();
		String url = pull.listen(listenUrl(transport));
		pull.setReceiveTimeout(SHORT);
		long start = System.nanoTime();
		assertThatExceptionOfType(NngException.class).isThrownBy(pull::receive)
			.isExactlyInstanceOf(NngTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT).isLessThan(LONG);
		PushSocket push = push();
		push.dial(url);
		push.send("late".getBytes());
		assertThat(pull.receive()).isEqualTo("late".getBytes());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void pushRoundRobinsAcrossTwoPullPeers(String transport) throws Exception {
		PushSocket push = push();
		String url = push.listen(listenUrl(transport));
		PullSocket first = pull();
		PullSocket second = pull();
		first.dial(url);
		second.dial(url);
		await().atMost(LONG).until(() -> push.pipeCount() == 2);
		int count = 40;
		for (int i = 0; i < count; i++) {
			push.send(Integer.toString(i).getBytes());
		}
		List<Integer> toFirst = drain(first);
		List<Integer> toSecond = drain(second);
		assertThat(toFirst.size() + toSecond.size()).isEqualTo(count);
		List<Integer> evens = new ArrayList<>();
		List<Integer> odds = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			((i % 2 == 0) ? evens : odds).add(i);
		}
		assertThat(List.of(toFirst, toSecond)).as("messages strictly alternate between the peers")
			.containsExactlyInAnyOrder(evens, odds);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void pullTakesFromSeveralPushPeersKeepingEachOnesOrder(String transport) throws Exception {
		PullSocket pull = pull();
		String url = pull.listen(listenUrl(transport));
		int pushers = 3;
		int each = 300;
		ExecutorService executor = Executors.newFixedThreadPool(pushers);
		try {
			List<Future<?>> senders = new ArrayList<>();
			for (int p = 0; p < pushers; p++) {
				int pusher = p;
				PushSocket push = push();
				push.dial(url);
				senders.add(executor.submit(() -> {
					for (int i = 0; i < each; i++) {
						push.send((pusher + "/" + i).getBytes(StandardCharsets.UTF_8));
					}
					return null;
				}));
			}
			int[] next = new int[pushers];
			for (int i = 0; i < pushers * each; i++) {
				String[] message = new String(pull.receive(), StandardCharsets.UTF_8).split("/");
				int pusher = Integer.parseInt(message[0]);
				assertThat(Integer.parseInt(message[1])).as("next message of pusher %d", pusher)
					.isEqualTo(next[pusher]++);
			}
			for (Future<?> sender : senders) {
				sender.get(5, TimeUnit.SECONDS);
			}
			assertThat(next).containsOnly(each);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void pullThatIsNotReadStopsReadingAndLosesNothingOnceReadingResumes(String transport) throws Exception {
		PullSocket pull = pull();
		PushSocket push = push();
		push.dial(pull.listen(listenUrl(transport)));
		await().atMost(LONG).until(() -> pull.pipeCount() == 1);
		push.setSendTimeout(Duration.ofMillis(300));
		int sent = 0;
		while (true) {
			try {
				push.send(numbered(sent, 4096));
				sent++;
			}
			catch (NngTimeoutException ex) {
				break;
			}
			assertThat(sent).as("the pusher should have been held back").isLessThan(200_000);
		}
		assertThat(sent).as("messages taken before the pusher was held back").isGreaterThan(128);
		for (int i = 0; i < sent; i++) {
			byte[] message = pull.receive();
			assertThat(message).hasSize(4096);
			assertThat(ByteBuffer.wrap(message).getInt()).as("message %d of %d", i, sent).isEqualTo(i);
		}
		pull.setReceiveTimeout(SHORT);
		assertThatExceptionOfType(NngTimeoutException.class).as("nothing beyond the %d messages sent", sent)
			.isThrownBy(pull::receive);
		push.setSendTimeout(LONG);
		pull.setReceiveTimeout(LONG);
		for (int i = 0; i < 10; i++) {
			push.send(numbered(sent + i, 16));
			assertThat(ByteBuffer.wrap(pull.receive()).getInt()).isEqualTo(sent + i);
		}
		assertThat(pull.pipeCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void manyThreadsSendAndReceiveConcurrentlyWithoutLossOrDuplicates(String transport) throws Exception {
		PushSocket push = push();
		String url = push.listen(listenUrl(transport));
		List<PullSocket> pulls = List.of(pull(), pull());
		for (PullSocket pull : pulls) {
			pull.setReceiveTimeout(Duration.ofMillis(100));
			pull.dial(url);
		}
		await().atMost(LONG).until(() -> push.pipeCount() == 2);
		int senders = 4;
		int each = 500;
		int total = senders * each;
		Set<String> received = ConcurrentHashMap.newKeySet();
		AtomicInteger duplicates = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(senders + 2 * pulls.size());
		try {
			List<Future<?>> tasks = new ArrayList<>();
			for (PullSocket pull : pulls) {
				for (int r = 0; r < 2; r++) {
					tasks.add(executor.submit(() -> {
						while (received.size() < total) {
							try {
								if (!received.add(new String(pull.receive(), StandardCharsets.UTF_8))) {
									duplicates.incrementAndGet();
								}
							}
							catch (NngTimeoutException ex) {
								// look at the count again
							}
						}
						return null;
					}));
				}
			}
			for (int s = 0; s < senders; s++) {
				int sender = s;
				tasks.add(executor.submit(() -> {
					for (int i = 0; i < each; i++) {
						push.send((sender + "/" + i).getBytes(StandardCharsets.UTF_8));
					}
					return null;
				}));
			}
			for (Future<?> task : tasks) {
				task.get(20, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(received).hasSize(total);
		assertThat(duplicates).hasValue(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void messagesOfNotableSizesArriveIntact(String transport) throws Exception {
		PullSocket pull = pull();
		PushSocket push = push();
		push.dial(pull.listen(listenUrl(transport)));
		SplittableRandom random = new SplittableRandom(7);
		for (int size : new int[] { 0, 1, 4096, 64 * 1024 - 9, 64 * 1024 + 1, 3 * 1024 * 1024 }) {
			byte[] body = new byte[size];
			random.nextBytes(body);
			push.send(body);
			assertThat(Arrays.mismatch(pull.receive(), body)).as("message of %d bytes", size).isEqualTo(-1);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void pushWritesTheCapturedLibnngBytes(String transport) throws Exception {
		RawPeer.Server server = track(RawPeer.Server.listen(listenUrl(transport)));
		PushSocket push = push();
		push.dial(server.url());
		RawPeer pull = track(server.accept());
		assertThat(RawBytes.hex(pull.read(8))).isEqualTo("0053500000500000");
		pull.sendHeader(PULL0);
		await().atMost(LONG).until(() -> push.pipeCount() == 1);
		push.send("{\"message\":{\"v\":1},\"meta\":null}".getBytes(StandardCharsets.UTF_8));
		String prefix = transport.equals("ipc") ? "01" : "";
		byte[] expected = RawBytes
			.hex(prefix + "000000000000001f7b226d657373616765223a7b2276223a317d2c226d657461223a6e756c6c7d");
		assertThat(RawBytes.hex(pull.read(expected.length))).isEqualTo(RawBytes.hex(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void pullDeliversAZeroLengthMessageAndKeepsTheConnection(String transport) throws Exception {
		PullSocket pull = pull();
		RawPeer push = track(RawPeer.connect(pull.listen(listenUrl(transport))));
		assertThat(push.handshake(PUSH0)).isEqualTo(PULL0);
		push.write(RawBytes.hex(transport.equals("ipc") ? "010000000000000000" : "0000000000000000"));
		push.sendFrame(new int[0], "after".getBytes());
		assertThat(pull.receive()).isEmpty();
		assertThat(pull.receive()).isEqualTo("after".getBytes());
		assertThat(push.staysQuiet(SHORT)).as("PULL sends nothing and keeps the connection").isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void messageAboveThePeersMaxReceiveSizeIsSkippedAndReportedWithoutLosingTheConnection(String transport)
			throws Exception {
		PullSocket pull = pull();
		pull.setMaxReceiveSize(1024 * 1024);
		PushSocket push = push();
		push.dial(pull.listen(listenUrl(transport)));
		await().atMost(LONG).until(() -> pull.pipeCount() == 1);
		push.setSendTimeout(Duration.ofSeconds(3));
		push.send(new byte[16 * 1024 * 1024]);
		push.send("small".getBytes());
		assertThatExceptionOfType(NngMessageTooLargeException.class).isThrownBy(pull::receive)
			.satisfies((ex) -> assertThat(ex.size()).isEqualTo(16 * 1024 * 1024));
		assertThat(pull.receive()).isEqualTo("small".getBytes());
		assertThat(pull.pipeCount()).as("connections").isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void aPeerLostWhileNobodyReceivesIsStillNoticed(String transport) throws Exception {
		PushSocket push = push();
		PullSocket pull = pullReadingItsOnlyPipe(push, transport);
		assertThatExceptionOfType(NngTimeoutException.class).as("a receive that reads the only pipe itself")
			.isThrownBy(() -> pull.receive(Duration.ofMillis(50)));
		push.close();
		await().atMost(LONG).until(() -> pull.pipeCount() == 0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void aSecondPeerArrivingWhileTheReceiverWaitsOnTheFirstIsHeard(String transport) throws Exception {
		PullSocket pull = pull();
		String url = pull.listen(listenUrl(transport));
		PushSocket first = push();
		first.dial(url);
		first.send("from-first".getBytes());
		assertThat(pull.receive()).isEqualTo("from-first".getBytes());
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			pull.setReceiveTimeout(Duration.ofSeconds(20));
			Future<byte[]> waiting = executor.submit(() -> pull.receive());
			Thread.sleep(SHORT.toMillis());
			PushSocket second = push();
			second.dial(url);
			second.send("from-second".getBytes());
			assertThat(waiting.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("from-second".getBytes());
			pull.setReceiveTimeout(LONG);
			first.send("first-again".getBytes());
			second.send("second-again".getBytes());
			assertThat(List.of(new String(pull.receive()), new String(pull.receive())))
				.containsExactlyInAnyOrder("first-again", "second-again");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void anInterruptedReceiverReturnsAndTheConnectionStays(String transport) throws Exception {
		PushSocket push = push();
		PullSocket pull = pullReadingItsOnlyPipe(push, transport);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<Throwable> waiting = executor.submit(() -> receiveFailure(pull));
			Thread.sleep(SHORT.toMillis());
			executor.shutdownNow();
			assertThat(waiting.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isExactlyInstanceOf(NngException.class)
				.hasMessageContaining("interrupted");
		}
		finally {
			executor.shutdownNow();
		}
		pull.setReceiveTimeout(LONG);
		push.send("after".getBytes());
		assertThat(pull.receive()).isEqualTo("after".getBytes());
		assertThat(pull.pipeCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void closingTheSocketWakesAReceiverReadingItsPipe(String transport) throws Exception {
		PullSocket pull = pullReadingItsOnlyPipe(push(), transport);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<Throwable> waiting = executor.submit(() -> receiveFailure(pull));
			Thread.sleep(SHORT.toMillis());
			pull.close();
			assertThat(waiting.get(LONG.toMillis(), TimeUnit.MILLISECONDS))
				.isExactlyInstanceOf(NngClosedException.class);
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * A PULL connected to {@code push} whose receives read the pipe themselves, with a 20
	 * s receive timeout.
	 */
	private PullSocket pullReadingItsOnlyPipe(PushSocket push, String transport) throws NngException {
		PullSocket pull = pull();
		push.dial(pull.listen(listenUrl(transport)));
		push.send("first".getBytes());
		assertThat(pull.receive()).isEqualTo("first".getBytes());
		pull.setReceiveTimeout(Duration.ofSeconds(20));
		return pull;
	}

	private static Throwable receiveFailure(PullSocket pull) {
		try {
			pull.receive();
			return null;
		}
		catch (NngException ex) {
			return ex;
		}
	}

	private static List<Integer> drain(PullSocket pull) throws NngException {
		List<Integer> received = new ArrayList<>();
		pull.setReceiveTimeout(SHORT);
		while (true) {
			try {
				received.add(Integer.parseInt(new String(pull.receive(), StandardCharsets.UTF_8)));
			}
			catch (NngTimeoutException ex) {
				return received;
			}
		}
	}

	private static byte[] numbered(int number, int size) {
		return ByteBuffer.allocate(size).putInt(number).array();
	}

}
