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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CallWatchdog}: calls in time are left alone, an overrunning call is
 * expired exactly once on the watchdog's thread, and a watchdog asleep after idling wakes
 * for the next call.
 */
@Timeout(30)
class CallWatchdogTests {

	private static final Duration TIMEOUT = Duration.ofMillis(100);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final CallWatchdog watchdog = new CallWatchdog("test-call-watchdog", TIMEOUT);

	private final List<Thread> expiredOn = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.watchdog.close();
	}

	private boolean watchdogIsAsleep() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().equals("test-call-watchdog")
					&& thread.getState() == Thread.State.WAITING);
	}

	@Test
	void callsThatEndInTimeAreNeverExpired() throws Exception {
		AtomicInteger expiries = new AtomicInteger();
		CallWatchdog.Watch watch = this.watchdog.watchCurrentThread((expired) -> expiries.incrementAndGet());
		long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
		int calls = 0;
		while (System.nanoTime() < until) {
			watch.begin();
			assertThat(watch.end()).isTrue();
			calls++;
		}
		assertThat(calls).isPositive();
		await().during(TIMEOUT.multipliedBy(3)).atMost(WAIT).until(() -> expiries.get() == 0);
	}

	@Test
	void anOverrunningCallIsExpiredOnceOnTheWatchdogThreadAndItsThreadMayNotAnswer() throws Exception {
		CountDownLatch expired = new CountDownLatch(1);
		CallWatchdog.Watch watch = this.watchdog.watchCurrentThread((which) -> {
			this.expiredOn.add(Thread.currentThread());
			assertThat(which.owner()).isNotSameAs(Thread.currentThread());
			expired.countDown();
		});
		long started = watch.begin();
		assertThat(expired.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT);
		await().during(TIMEOUT.multipliedBy(3)).atMost(WAIT).until(() -> this.expiredOn.size() == 1);
		assertThat(watch.end()).as("the call was answered for").isFalse();
		assertThat(this.expiredOn).hasSize(1)
			.allSatisfy((thread) -> assertThat(thread.getName()).isEqualTo("test-call-watchdog"));
	}

	@Test
	void aCallBegunAfterTheWatchdogFellAsleepIsStillExpiredInTime() throws Exception {
		CountDownLatch expired = new CountDownLatch(1);
		CallWatchdog.Watch watch = this.watchdog.watchCurrentThread((which) -> expired.countDown());
		watch.begin();
		assertThat(watch.end()).isTrue();
		// Idle, the watchdog parks without a deadline.
		await().atMost(WAIT).until(this::watchdogIsAsleep);
		long started = watch.begin();
		assertThat(expired.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(5));
		assertThat(watch.end()).isFalse();
	}

	@Test
	void anOverrunOnOneThreadLeavesTheCallsOfAnotherAlone() throws Exception {
		CountDownLatch expired = new CountDownLatch(1);
		Thread other = new Thread(() -> this.watchdog.watchCurrentThread((which) -> expired.countDown()).begin());
		other.start();
		other.join();
		CallWatchdog.Watch mine = this.watchdog.watchCurrentThread((which) -> {
		});
		assertThat(mine.isOwnedByCurrentThread()).isTrue();
		long until = System.nanoTime() + 3 * TIMEOUT.toNanos();
		while (System.nanoTime() < until) {
			mine.begin();
			assertThat(mine.end()).isTrue();
		}
		assertThat(expired.await(5, TimeUnit.SECONDS)).as("the other thread's call").isTrue();
	}

}
