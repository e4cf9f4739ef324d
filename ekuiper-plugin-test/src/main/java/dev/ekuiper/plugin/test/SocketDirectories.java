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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Private temporary socket directories. Unix socket paths are limited to about 107 bytes,
 * so they go under {@code /tmp} where it exists rather than under a possibly long
 * {@code java.io.tmpdir}.
 */
final class SocketDirectories {

	private static final Path SHORT_TEMP = Path.of("/tmp");

	private SocketDirectories() {
	}

	/**
	 * Creates a new directory readable by its owner only.
	 * @param prefix the start of its name
	 * @return the directory
	 * @throws UncheckedIOException if it cannot be created
	 */
	static Path create(String prefix) {
		try {
			if (Files.isDirectory(SHORT_TEMP) && Files.isWritable(SHORT_TEMP)) {
				return Files.createTempDirectory(SHORT_TEMP, prefix);
			}
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create a socket directory", ex);
		}
	}

	/**
	 * Returns a path for a directory that does not exist, next to where {@link #create}
	 * makes them.
	 * @param prefix the start of its name
	 * @return the path, unique to this JVM
	 */
	static Path unused(String prefix) {
		Path parent = (Files.isDirectory(SHORT_TEMP)) ? SHORT_TEMP : Path.of(System.getProperty("java.io.tmpdir"));
		return parent
			.resolve(prefix + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
	}

	/**
	 * Deletes a directory and whatever is left in it, ignoring what cannot be deleted.
	 * @param directory the directory
	 */
	static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		List<Path> paths;
		try (Stream<Path> walk = Files.walk(directory)) {
			paths = walk.sorted(Comparator.reverseOrder()).toList();
		}
		catch (IOException ex) {
			return;
		}
		for (Path path : paths) {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ex) {
				// Best effort: a socket file may still be in use.
			}
		}
	}

}
