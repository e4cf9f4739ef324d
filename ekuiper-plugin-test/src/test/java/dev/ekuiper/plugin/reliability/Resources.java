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
package dev.ekuiper.plugin.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * What this test process holds: live threads, open file descriptors (from
 * {@code /proc/self/fd}) and used heap. Leak tests compare a snapshot taken after warming
 * up with one taken after many cycles.
 *
 * @param threads live threads
 * @param fds open file descriptors
 * @param heapBytes used heap after a garbage collection
 * @param threadNames the names of the live threads, sorted
 */
record Resources(int threads, int fds, long heapBytes, List<String> threadNames) {

	/**
	 * Takes a snapshot after a garbage collection.
	 * @return the snapshot
	 */
	static Resources now() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		List<String> names = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.sorted()
			.toList();
		return new Resources(names.size(), openFileDescriptors(), runtime.totalMemory() - runtime.freeMemory(), names);
	}

	/**
	 * Waits until the threads and file descriptors are back to at most a baseline plus
	 * some slack (pools keep a thread for a while, the JVM opens a file now and then),
	 * and returns the last snapshot.
	 * @param baseline the snapshot to come back to
	 * @param slack how many threads or descriptors more are tolerated
	 * @param timeout how long to wait
	 * @return the last snapshot taken
	 */
	static Resources awaitBackTo(Resources baseline, int slack, Duration timeout) {
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
				Resources now = now();
				return now.threads <= baseline.threads + slack && now.fds <= baseline.fds + slack;
			});
		}
		catch (ConditionTimeoutException ex) {
			// the caller's assertion reports the last snapshot
		}
		return now();
	}

	/**
	 * Describes the change from a baseline, for the test report.
	 * @param baseline the earlier snapshot
	 * @return threads, descriptors and heap before and after
	 */
	String changeFrom(Resources baseline) {
		return String.format(Locale.ROOT, "threads %d -> %d, fds %d -> %d, heap %.1f -> %.1f MiB", baseline.threads,
				this.threads, baseline.fds, this.fds, baseline.heapBytes / 1048576.0, this.heapBytes / 1048576.0);
	}

	private static int openFileDescriptors() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return (int) fds.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
