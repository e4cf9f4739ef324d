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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes zips entry by entry, including broken ones, for verifier tests.
 */
final class ZipBuilder {

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	/** A package for the sample descriptor, as the build makes it. */
	static ZipBuilder samPackage() {
		ZipBuilder builder = new ZipBuilder();
		builder.file("sam.json",
				new String(PluginManifest.render("sam", "v1", Descriptors.sam()), StandardCharsets.UTF_8), 0644);
		builder.file("sam", "#!/bin/sh\n", 0755);
		builder.file("sam.jar", "jar", 0644);
		builder.folder("functions/");
		builder.file("functions/revert.json", "{\"functions\":[]}", 0644);
		builder.folder("sinks/");
		builder.file("sinks/print.json", "{\"about\":{}}", 0644);
		builder.folder("sources/");
		builder.file("sources/pyjson.json", "{\"about\":{}}", 0644);
		builder.file("sources/pyjson.yaml", "default:\n  period: 1000\n", 0644);
		return builder;
	}

	ZipBuilder file(String name, String content, int mode) {
		this.entries.put(name, new Entry(content, mode));
		return this;
	}

	ZipBuilder folder(String name) {
		this.entries.put(name, new Entry(null, 0755));
		return this;
	}

	ZipBuilder remove(String name) {
		this.entries.remove(name);
		return this;
	}

	Path write(Path zip) throws IOException {
		try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
			for (Map.Entry<String, Entry> item : this.entries.entrySet()) {
				ZipArchiveEntry entry = new ZipArchiveEntry(item.getKey());
				Entry value = item.getValue();
				entry.setUnixMode(((value.content() != null) ? UnixStat.FILE_FLAG : UnixStat.DIR_FLAG) | value.mode());
				out.putArchiveEntry(entry);
				if (value.content() != null) {
					out.write(value.content().getBytes(StandardCharsets.UTF_8));
				}
				out.closeArchiveEntry();
			}
		}
		return zip;
	}

	private record Entry(String content, int mode) {
	}

}
