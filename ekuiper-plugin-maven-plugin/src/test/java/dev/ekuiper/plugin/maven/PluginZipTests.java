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

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import dev.ekuiper.plugin.maven.ExtraFiles.ExtraFile;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PluginStaging} and {@link PluginZip}, reading the zip back.
 */
class PluginZipTests {

	private static final FileTime TIME = FileTime.from(Instant.parse("2025-01-02T03:04:05Z"));

	@TempDir
	Path temp;

	private Path zip;

	private Path staged;

	@BeforeEach
	void pack() throws Exception {
		Path jar = Files.writeString(this.temp.resolve("app.jar"), "fat jar");
		Path extra = Files.createDirectories(this.temp.resolve("extra"));
		Files.writeString(Files.createDirectories(extra.resolve("conf/deep")).resolve("settings.txt"), "x=1");
		Path tool = Files.writeString(extra.resolve("conf/tool.sh"), "#!/bin/sh\n");
		Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.writeString(Files.createDirectories(extra.resolve("sinks")).resolve("print.json"), "{\"about\":{}}");
		List<ExtraFile> extras = ExtraFiles.scan(extra, "sam", Descriptors.sam());
		PluginStaging staging = new PluginStaging("sam", "v1.0.0",
				new LauncherScripts("sam", LauncherScripts.DEFAULT_JVM_OPTIONS), new UiMetadata("sam", null, null));
		this.staged = this.temp.resolve("target/ekuiper/sam");
		List<PackageEntry> entries = staging.stage(this.staged, Descriptors.sam(), jar, extras);
		this.zip = this.temp.resolve("target/sam.zip");
		PluginZip.write(this.staged, entries, this.zip, TIME);
	}

	@Test
	void zipShouldStartWithTheManifestAndListFoldersBeforeTheirFiles() throws Exception {
		assertThat(entries().stream().map(ZipArchiveEntry::getName)).containsExactly("sam.json", "sam", "sam.jar",
				"install.sh", "conf/", "conf/deep/", "conf/deep/settings.txt", "conf/tool.sh", "functions/",
				"functions/revert.json", "sinks/", "sinks/print.json", "sources/", "sources/pyjson.json",
				"sources/pyjson.yaml");
	}

	@Test
	void zipShouldCarryUnixModes() throws Exception {
		for (ZipArchiveEntry entry : entries()) {
			assertThat(entry.getPlatform()).as(entry.getName()).isEqualTo(ZipArchiveEntry.PLATFORM_UNIX);
			int expected = switch (entry.getName()) {
				case "sam", "install.sh", "conf/tool.sh" -> UnixStat.FILE_FLAG | 0755;
				default -> entry.isDirectory() ? UnixStat.DIR_FLAG | 0755 : UnixStat.FILE_FLAG | 0644;
			};
			assertThat(entry.getUnixMode()).as(entry.getName()).isEqualTo(expected);
			assertThat(entry.getLastModifiedTime()).isEqualTo(TIME);
		}
	}

	@Test
	void zipShouldHoldTheStagedFiles() throws Exception {
		try (ZipFile file = ZipFile.builder().setPath(this.zip).get()) {
			for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
				if (entry.isDirectory()) {
					continue;
				}
				try (InputStream in = file.getInputStream(entry)) {
					assertThat(in.readAllBytes()).as(entry.getName())
						.isEqualTo(Files.readAllBytes(this.staged.resolve(entry.getName())));
				}
			}
		}
		assertThat(this.staged.resolve("sam.jar")).hasContent("fat jar");
		assertThat(this.staged.resolve("sinks/print.json")).hasContent("{\"about\":{}}");
		assertThat(this.staged.resolve("sources/pyjson.yaml")).content().contains("period: 1000");
	}

	@Test
	void stagingShouldSetFilePermissions() throws Exception {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.staged.resolve("sam"))))
			.isEqualTo("rwxr-xr-x");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.staged.resolve("sam.json"))))
			.isEqualTo("rw-r--r--");
	}

	@Test
	void stagingShouldRemoveWhatAnEarlierBuildLeft() throws Exception {
		Files.writeString(this.staged.resolve("stale.txt"), "old");
		List<PackageEntry> entries = new PluginStaging("sam", "v1", new LauncherScripts("sam", ""),
				new UiMetadata("sam", null, null))
			.stage(this.staged, Descriptors.sam(), this.temp.resolve("app.jar"), List.of());
		assertThat(this.staged.resolve("stale.txt")).doesNotExist();
		assertThat(entries).extracting(PackageEntry::path).doesNotContain("stale.txt", "conf/tool.sh");
	}

	private List<ZipArchiveEntry> entries() throws Exception {
		try (ZipFile file = ZipFile.builder().setPath(this.zip).get()) {
			return Collections.list(file.getEntries());
		}
	}

}
