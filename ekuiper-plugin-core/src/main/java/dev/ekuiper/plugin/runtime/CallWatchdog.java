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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times calls into user code made on a channel's own thread, so that a call that hangs is
 * answered in time without handing every call to another thread. The calling thread
 * brackets each call with {@link Watch#begin()} and {@link Watch#end()}. A call still
 * running at its deadline is expired, exactly once: {@code end} then returns
 * {@code false}, and the watch's expiry action runs on the watchdog's thread, where it
 * answers for the call and lets another thread carry on.
 *
 * <p>
 * The watchdog looks every tick, a twentieth of the timeout (1 to 100 ms), so an expiry
 * comes at most a tick late. It sleeps while no call has begun for a second, and the next
 * {@code begin} wakes it.
 */
final class CallWatchdog implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CallWatchdog.class);

	/** The stamp of a watch whose call expired; it is never used again. */
	private static final long EXPIRED = -1;

	private static final long IDLE_BEFORE_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final String name;

	private final long timeoutNanos;

	private final long tickNanos;

	private final List<Watch> watches = new CopyOnWriteArrayList<>();

	private volatile Thread thread;

	private volatile boolean sleeping;

	private volatile boolean open = true;

	/**
	 * Creates a watchdog; its thread starts with the first watch.
	 * @param name names the thread
	 * @param timeout how long a call may take
	 */
	CallWatchdog(String name, Duration timeout) {
		this.name = name;
		this.timeoutNanos = timeout.toNanos();
		this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
				Math.min(TimeUnit.MILLISECONDS.toNanos(100), this.timeoutNanos / 20));
	}

	/**
	 * Returns the longest a call may take.
	 * @return the timeout
	 */
	Duration timeout() {
		return Duration.ofNanos(this.timeoutNanos);
	}

	/**
	 * Watches the calls of the current thread.
	 * @param onExpiry runs on the watchdog's thread when a call of this thread expires
	 * @return the watch, to be used by the current thread only
	 */
	synchronized Watch watchCurrentThread(Consumer<Watch> onExpiry) {
		Watch watch = new Watch(Thread.currentThread(), onExpiry);
		this.watches.add(watch);
		if (this.thread == null && this.open) {
			Thread started = new Thread(this::run, this.name);
			started.setDaemon(true);
			this.thread = started;
			started.start();
		}
		return watch;
	}

	/** Stops the watchdog's thread; calls running now are no longer timed. */
	@Override
	public synchronized void close() {
		this.open = false;
		this.watches.clear();
		Thread running = this.thread;
		if (running != null) {
			LockSupport.unpark(running);
		}
	}

	private void run() {
		long lastActivity = System.nanoTime();
		while (this.open) {
			long now = System.nanoTime();
			if (look(now)) {
				lastActivity = now;
			}
			if (now - lastActivity < IDLE_BEFORE_SLEEP_NANOS) {
				LockSupport.parkNanos(this, this.tickNanos);
				continue;
			}
			this.sleeping = true;
			// A call that began before the flag was up did not wake us: look once more.
			if (!look(System.nanoTime())) {
				LockSupport.park(this);
			}
			this.sleeping = false;
			lastActivity = System.nanoTime();
		}
	}

	/**
	 * Expires what is overdue; returns whether any call began or ran since the last look.
	 */
	private boolean look(long now) {
		boolean active = false;
		for (Watch watch : this.watches) {
			long stamp = watch.stamp.get();
			boolean running = stamp != EXPIRED && (stamp & 1) == 1;
			if (running || stamp != watch.seenStamp) {
				active = true;
				watch.seenStamp = stamp;
			}
			if (running && now - watch.deadline >= 0 && watch.stamp.compareAndSet(stamp, EXPIRED)) {
				this.watches.remove(watch);
				try {
					watch.onExpiry.accept(watch);
				}
				catch (RuntimeException ex) {
					logger.error("Answering for a call that timed out failed", ex);
				}
			}
		}
		return active;
	}

	/** The calls of one thread: at most one runs at a time. */
	final class Watch {

		private final Thread owner;

		private final Consumer<Watch> onExpiry;

		/**
		 * Odd while a call runs, even between calls, {@link #EXPIRED} once one expired.
		 */
		private final AtomicLong stamp = new AtomicLong();

		private volatile long deadline;

		/** The stamp the watchdog saw last; its thread only. */
		private long seenStamp;

		private Watch(Thread owner, Consumer<Watch> onExpiry) {
			this.owner = owner;
			this.onExpiry = onExpiry;
		}

		/**
		 * Returns whether the current thread owns this watch and may use it.
		 * @return {@code true} on the thread that created it
		 */
		boolean isOwnedByCurrentThread() {
			return this.owner == Thread.currentThread();
		}

		/**
		 * Returns the thread whose calls this watch times.
		 * @return the owner
		 */
		Thread owner() {
			return this.owner;
		}

		/**
		 * Starts timing a call; owner thread only.
		 * @return the {@link System#nanoTime()} it started at
		 */
		long begin() {
			long now = System.nanoTime();
			this.deadline = now + CallWatchdog.this.timeoutNanos;
			this.stamp.incrementAndGet();
			if (CallWatchdog.this.sleeping) {
				Thread watchdog = CallWatchdog.this.thread;
				if (watchdog != null) {
					LockSupport.unpark(watchdog);
				}
			}
			return now;
		}

		/**
		 * Ends timing a call; owner thread only.
		 * @return {@code true} if the call ended in time; {@code false} if it expired and
		 * was answered for, after which this thread must not answer or serve any more
		 */
		boolean end() {
			long stamp = this.stamp.get();
			return stamp != EXPIRED && this.stamp.compareAndSet(stamp, stamp + 1);
		}

	}

}
