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

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Threads waiting under a socket's lock for something to change, woken with
 * {@link LockSupport}. It does what a {@code Condition} does without allocating a node
 * per wait, which would be garbage on every blocking receive.
 */
final class Waiters {

	private final ReentrantLock lock;

	private Thread[] threads = new Thread[4];

	private int count;

	Waiters(ReentrantLock lock) {
		this.lock = lock;
	}

	/**
	 * Waits until signalled, the deadline passes or the thread wakes spuriously; callers
	 * re-check their state in a loop. The lock is held on entry and on return.
	 * @param deadline a {@link System#nanoTime()} deadline, {@code Long.MAX_VALUE} for
	 * none
	 * @return {@code false} if the deadline had already passed
	 * @throws InterruptedException if the thread is interrupted
	 */
	boolean await(long deadline) throws InterruptedException {
		long wait = 0;
		if (deadline != Long.MAX_VALUE) {
			wait = deadline - System.nanoTime();
			if (wait <= 0) {
				return false;
			}
		}
		Thread current = Thread.currentThread();
		add(current);
		this.lock.unlock();
		try {
			if (deadline == Long.MAX_VALUE) {
				LockSupport.park(this);
			}
			else {
				LockSupport.parkNanos(this, wait);
			}
		}
		finally {
			this.lock.lock();
			remove(current);
		}
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		return true;
	}

	/** Wakes every waiting thread; call with the lock held. */
	void signalAll() {
		for (int i = 0; i < this.count; i++) {
			LockSupport.unpark(this.threads[i]);
		}
	}

	private void add(Thread thread) {
		if (this.count == this.threads.length) {
			this.threads = Arrays.copyOf(this.threads, this.count * 2);
		}
		this.threads[this.count++] = thread;
	}

	private void remove(Thread thread) {
		for (int i = 0; i < this.count; i++) {
			if (this.threads[i] == thread) {
				System.arraycopy(this.threads, i + 1, this.threads, i, this.count - i - 1);
				this.threads[--this.count] = null;
				return;
			}
		}
	}

}
