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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import dev.ekuiper.plugin.nng.transport.Pipe;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;

/**
 * A bounded ring of received messages, each with its pipe and protocol header words,
 * stored in preallocated slots so queueing allocates nothing. When it is full, the pipe
 * that could not deliver is paused and resumed once a slot frees up. Guarded by the
 * owning socket's lock, whose waiters for a message it keeps.
 */
final class ReceiveQueue {

	static final int DEFAULT_CAPACITY = 128;

	private static final int WORDS_PER_SLOT = 16;

	private final byte[][] bodies;

	private final Pipe[] pipes;

	private final int[] words;

	private final int[] wordCounts;

	/** The declared size of an oversize message, -1 for a normal one. */
	private final long[] oversize;

	private final List<Pipe> paused = new ArrayList<>();

	private final ReentrantLock lock;

	private final Waiters notEmpty;

	private int head;

	private int size;

	ReceiveQueue(int capacity, ReentrantLock lock) {
		this.bodies = new byte[capacity][];
		this.pipes = new Pipe[capacity];
		this.words = new int[capacity * WORDS_PER_SLOT];
		this.wordCounts = new int[capacity];
		this.oversize = new long[capacity];
		this.lock = lock;
		this.notEmpty = new Waiters(lock);
	}

	/** Queues a frame from the loop thread, taking the lock; see {@link #offer}. */
	boolean offerLocked(Pipe pipe, FrameDecoder frame) {
		this.lock.lock();
		try {
			return offer(pipe, frame);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Queues the frame, or remembers the pipe as paused and returns false when full. */
	boolean offer(Pipe pipe, FrameDecoder frame) {
		if (this.size == this.bodies.length) {
			this.paused.add(pipe);
			return false;
		}
		int slot = (this.head + this.size) % this.bodies.length;
		this.bodies[slot] = frame.body();
		this.pipes[slot] = pipe;
		int count = Math.min(frame.wordCount(), WORDS_PER_SLOT);
		System.arraycopy(frame.words(), 0, this.words, slot * WORDS_PER_SLOT, count);
		this.wordCounts[slot] = count;
		this.oversize[slot] = frame.isOversize() ? frame.frameLength() : -1;
		this.size++;
		this.notEmpty.signalAll();
		return true;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/** Returns the waiters for a message; wake them all when the socket closes. */
	Waiters notEmpty() {
		return this.notEmpty;
	}

	/** Returns the oldest message's size if it was too large to receive, else -1. */
	long headOversize() {
		return this.oversize[this.head];
	}

	/** Returns the oldest message's pipe; only when not empty. */
	Pipe headPipe() {
		return this.pipes[this.head];
	}

	/**
	 * Copies the oldest message's header words into {@code into} and returns their count.
	 */
	int headWords(int[] into) {
		int count = this.wordCounts[this.head];
		System.arraycopy(this.words, this.head * WORDS_PER_SLOT, into, 0, count);
		return count;
	}

	/** Removes and returns the oldest message's body, resuming paused pipes. */
	byte[] poll() {
		byte[] body = this.bodies[this.head];
		this.bodies[this.head] = null;
		this.pipes[this.head] = null;
		this.head = (this.head + 1) % this.bodies.length;
		this.size--;
		if (!this.paused.isEmpty()) {
			for (Pipe pipe : this.paused) {
				pipe.resume();
			}
			this.paused.clear();
		}
		return body;
	}

	/** Drops every queued message. */
	void clear() {
		while (this.size > 0) {
			poll();
		}
	}

}
