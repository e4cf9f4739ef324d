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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a plugin package as eKuiper's installer needs it: every entry carries its unix
 * mode, since the installer creates each file with the mode of its entry (the launcher
 * must be executable), and every folder has its own entry, written before anything in it,
 * since the installer creates at most one missing parent folder per file.
 */
final class PluginZip {

	private PluginZip() {
	}

	/**
	 * Writes a zip from staged files.
	 * @param folder the folder holding the files
	 * @param entries the files, in zip order
	 * @param zip the zip to write, replaced if it exists
	 * @param time the time every entry gets
	 * @throws IOException if it cannot be written
	 */
	static void write(Path folder, List<PackageEntry> entries, Path zip, FileTime time) throws IOException {
		Files.createDirectories(zip.toAbsolutePath().getParent());
		Files.deleteIfExists(zip);
		Set<String> folders = new HashSet<>();
		try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
			for (PackageEntry entry : entries) {
				addFolders(out, entry.path(), folders, time);
				ZipArchiveEntry file = new ZipArchiveEntry(entry.path());
				file.setUnixMode(UnixStat.FILE_FLAG | entry.mode());
				file.setLastModifiedTime(time);
				out.putArchiveEntry(file);
				Files.copy(folder.resolve(entry.path()), out);
				out.closeArchiveEntry();
			}
		}
	}

	private static void addFolders(ZipArchiveOutputStream out, String path, Set<String> written, FileTime time)
			throws IOException {
		for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
			String folder = path.substring(0, slash + 1);
			if (written.add(folder)) {
				ZipArchiveEntry entry = new ZipArchiveEntry(folder);
				entry.setUnixMode(UnixStat.DIR_FLAG | PackageEntry.EXECUTABLE_MODE);
				entry.setLastModifiedTime(time);
				out.putArchiveEntry(entry);
				out.closeArchiveEntry();
			}
		}
	}

}
