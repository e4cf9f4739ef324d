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
package dev.ekuiper.plugin.demo.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The files the build makes in the package phase, which the integration tests need: on CI
 * a missing file fails the test, elsewhere it skips it.
 */
public final class BuiltFiles {

	private BuiltFiles() {
	}

	/**
	 * Returns the plugin zip, {@code target/demo.zip}.
	 * @return the zip
	 */
	static Path zip() {
		return require(System.getProperty("demo.zip", "target/demo.zip"), "plugin zip");
	}

	/**
	 * Returns the application's fat jar.
	 * @return the jar
	 */
	public static Path jar() {
		return require(System.getProperty("demo.jar", "target/demo-app-0.1.0-SNAPSHOT.jar"), "plugin jar");
	}

	/**
	 * Returns the descriptor the packaging wrote, if the build left it.
	 * @param zip the plugin zip, next to which the packaging works
	 * @return the descriptor file, which may not exist
	 */
	static Path buildDescriptor(Path zip) {
		return zip.toAbsolutePath().getParent().resolve("ekuiper").resolve("descriptor.json");
	}

	private static Path require(String location, String what) {
		Path file = Path.of(location);
		if (!Files.isRegularFile(file)) {
			String message = "No " + what + " at " + file.toAbsolutePath() + "; it is built in the package phase";
			if (System.getenv("CI") != null) {
				fail(message);
			}
			assumeTrue(false, message + ", run 'mvnw verify'");
		}
		return file;
	}

}
