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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns a selector: it accepts, connects, negotiates and reads for every
 * connection of one socket, and runs timers (handshake deadlines, redials). Other threads
 * hand it work through {@link #execute(Runnable)}; they write to connections themselves.
 */
public final class EventLoop {

	private static final Logger logger = LoggerFactory.getLogger(EventLoop.class);

	/** Something registered with the loop's selector. */
	public interface Handler {

		/**
		 * Called on the loop thread when the key is ready for one of its interest ops.
		 * @param key the ready key
		 */
		void ready(SelectionKey key);

	}

	/** A scheduled task; cancel it with {@link #cancel()}. */
	public static final class Timer implements Comparable<Timer> {

		private final long deadline;

		private final Runnable task;

		private boolean cancelled;

		private Timer(long deadline, Runnable task) {
			this.deadline = deadline;
			this.task = task;
		}

		/** Cancels the task if it has not run yet. Loop thread only. */
		public void cancel() {
			this.cancelled = true;
		}

		@Override
		public int compareTo(Timer other) {
			return Long.compare(this.deadline, other.deadline);
		}

	}

	private final Selector selector;

	private final Thread thread;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final PriorityQueue<Timer> timers = new PriorityQueue<>();

	private final Consumer<SelectionKey> dispatcher = this::dispatch;

	private volatile boolean running = true;

	/**
	 * Opens a selector and starts the loop thread.
	 * @param name the thread name
	 */
	public EventLoop(String name) {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open a selector", ex);
		}
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Runs a task on the loop thread, after the tasks already queued.
	 * @param task the task
	 */
	public void execute(Runnable task) {
		this.tasks.add(task);
		this.selector.wakeup();
	}

	/**
	 * Returns whether the caller is the loop thread.
	 * @return {@code true} on the loop thread
	 */
	public boolean inLoop() {
		return Thread.currentThread() == this.thread;
	}

	/**
	 * Schedules a task on the loop thread. Loop thread only.
	 * @param delayNanos delay before the task runs
	 * @param task the task
	 * @return a handle to cancel it
	 */
	public Timer schedule(long delayNanos, Runnable task) {
		Timer timer = new Timer(System.nanoTime() + delayNanos, task);
		this.timers.add(timer);
		return timer;
	}

	/**
	 * Registers a channel with the loop's selector. Loop thread only.
	 * @param channel a non-blocking channel
	 * @param ops the interest set
	 * @param handler called when the key is ready
	 * @return the key
	 * @throws ClosedChannelException if the channel is closed
	 */
	public SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
		SelectionKey existing = channel.keyFor(this.selector);
		if (existing != null && existing.isValid()) {
			existing.interestOps(ops);
			existing.attach(handler);
			return existing;
		}
		return channel.register(this.selector, ops, handler);
	}

	/**
	 * Stops the loop after running {@code lastTask} on it, closes the selector, and waits
	 * for the thread to end.
	 * @param lastTask closes what the loop owns
	 * @param timeoutMillis how long to wait for the thread
	 */
	public void shutdown(Runnable lastTask, long timeoutMillis) {
		execute(() -> {
			try {
				lastTask.run();
			}
			finally {
				this.running = false;
			}
		});
		if (!inLoop()) {
			try {
				this.thread.join(timeoutMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void run() {
		try {
			while (this.running) {
				long timeout = runTimers();
				// The consumer form walks no selected-key set: nothing is allocated per
				// wake-up.
				if (this.tasks.isEmpty()) {
					this.selector.select(this.dispatcher, timeout);
				}
				else {
					this.selector.selectNow(this.dispatcher);
				}
				runTasks();
			}
		}
		catch (IOException | RuntimeException | Error ex) {
			logger.error("nng event loop {} failed", this.thread.getName(), ex);
		}
		finally {
			this.running = false;
			closeQuietly();
		}
	}

	private void dispatch(SelectionKey key) {
		if (!key.isValid()) {
			return;
		}
		try {
			((Handler) key.attachment()).ready(key);
		}
		catch (RuntimeException ex) {
			logger.error("nng event handler failed; closing its channel", ex);
			key.cancel();
			try {
				key.channel().close();
			}
			catch (IOException closeFailure) {
				// closing anyway
			}
		}
	}

	private void runTasks() {
		Runnable task;
		while (this.running && (task = this.tasks.poll()) != null) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("nng event loop task failed", ex);
			}
		}
	}

	/** Runs due timers and returns the selector timeout until the next one (0 = none). */
	private long runTimers() {
		while (!this.timers.isEmpty()) {
			Timer next = this.timers.peek();
			if (next.cancelled) {
				this.timers.poll();
				continue;
			}
			long wait = next.deadline - System.nanoTime();
			if (wait > 0) {
				return Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
			}
			this.timers.poll();
			try {
				next.task.run();
			}
			catch (RuntimeException ex) {
				logger.error("nng timer task failed", ex);
			}
		}
		return 0;
	}

	private void closeQuietly() {
		for (SelectionKey key : this.selector.keys()) {
			try {
				key.channel().close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
