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
package dev.ekuiper.plugin.test;

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The private socket directories of the {@link EkuiperPluginTest} classes running in this
 * JVM. A class leases one for as long as it runs, so classes running in parallel never
 * share a socket; a class that starts after another has ended gets the directory that was
 * released last, so its Spring test context can be the cached one of the class before,
 * which reconnects to the new host. The Spring context customizer and the JUnit extension
 * ask for the lease of the same class and get the same directory.
 */
final class SocketDirectoryLeases {

	private static final Map<Class<?>, Path> leased = new HashMap<>();

	private static final Deque<Path> released = new ArrayDeque<>();

	private static Path unhosted;

	private SocketDirectoryLeases() {
	}

	/**
	 * Returns the class that owns the host of a test class: the outermost class,
	 * following inner classes to their enclosing ones, that is annotated with
	 * {@link EkuiperPluginTest}.
	 * @param testClass the test class
	 * @return the owner, or {@code null} if the class is not an embedded-host test
	 */
	static Class<?> owner(Class<?> testClass) {
		Class<?> owner = null;
		for (Class<?> current = testClass; current != null; current = enclosing(current)) {
			if (current.isAnnotationPresent(EkuiperPluginTest.class)) {
				owner = current;
			}
		}
		return owner;
	}

	/**
	 * Returns the directory leased to a class, leasing one if it has none.
	 * @param owner the class that owns the host
	 * @return the directory
	 */
	static synchronized Path lease(Class<?> owner) {
		return leased.computeIfAbsent(owner,
				(key) -> released.isEmpty() ? SocketDirectories.create("ekuiper-test-") : released.pop());
	}

	/**
	 * Ends a class's lease; the directory goes back to the pool.
	 * @param owner the class that owns the host
	 */
	static synchronized void release(Class<?> owner) {
		Path path = leased.remove(owner);
		if (path != null) {
			released.push(path);
		}
	}

	/**
	 * Deletes every directory that is not leased, at the end of a test run.
	 */
	static void deleteReleased() {
		List<Path> paths;
		synchronized (SocketDirectoryLeases.class) {
			paths = new ArrayList<>(released);
			released.clear();
		}
		paths.forEach(SocketDirectories::delete);
	}

	/**
	 * Returns the socket directory of Spring test contexts that have no embedded host: a
	 * path nobody listens in, so that such a context never reaches an eKuiper running on
	 * the machine.
	 * @return the directory, which does not exist
	 */
	static synchronized Path unhosted() {
		if (unhosted == null) {
			unhosted = SocketDirectories.unused("ekuiper-unhosted-");
		}
		return unhosted;
	}

	private static Class<?> enclosing(Class<?> type) {
		boolean inner = type.isMemberClass() && !Modifier.isStatic(type.getModifiers());
		return inner ? type.getEnclosingClass() : null;
	}

}
