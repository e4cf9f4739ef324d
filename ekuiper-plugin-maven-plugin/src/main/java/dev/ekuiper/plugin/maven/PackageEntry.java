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
package dev.ekuiper.plugin.maven;

/**
 * One file of the plugin package.
 *
 * @param path the path inside the zip, with {@code /} separators and no leading
 * {@code ./}
 * @param mode the unix permission bits, for example {@code 0755}
 */
record PackageEntry(String path, int mode) {

	/** Mode of a plain file. */
	static final int FILE_MODE = 0644;

	/** Mode of an executable file or a folder. */
	static final int EXECUTABLE_MODE = 0755;

}
