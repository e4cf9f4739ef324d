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
package dev.ekuiper.plugin.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the Java heap by all live threads of this JVM, from HotSpot's
 * per-thread counters ({@code com.sun.management.ThreadMXBean}). Taking two readings
 * around a window of messages and dividing by the message count gives the allocation per
 * message, the socket's own threads (event loop) included. A thread that ends inside the
 * window takes its bytes with it; none of the measured ones does.
 */
final class Allocation {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Allocation() {
	}

	/**
	 * Returns the bytes allocated so far by all live threads, or -1 if the JVM cannot
	 * tell.
	 * @return the sum of the threads' allocation counters
	 */
	static long allThreads() {
		if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
			return -1;
		}
		long[] bytes = THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds());
		long sum = 0;
		for (long b : bytes) {
			if (b > 0) {
				sum += b;
			}
		}
		return sum;
	}

	/**
	 * Returns the bytes per message between two readings, or NaN if either is unknown.
	 * @param before the first reading
	 * @param after the second reading
	 * @param messages messages in between
	 * @return bytes per message
	 */
	static double perMessage(long before, long after, long messages) {
		if (before < 0 || after < 0 || messages <= 0) {
			return Double.NaN;
		}
		return (double) (after - before) / messages;
	}

}
