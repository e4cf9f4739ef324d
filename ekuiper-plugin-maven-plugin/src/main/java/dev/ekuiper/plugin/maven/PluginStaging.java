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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import dev.ekuiper.plugin.maven.ExtraFiles.ExtraFile;

/**
 * Lays out the files of a plugin package in a folder, as eKuiper will install them:
 * {@code <plugin>.json}, the launcher, the jar and {@code install.sh} at the root, and
 * the configuration and UI metadata of each symbol under {@code sources/}, {@code sinks/}
 * and {@code functions/}. Hand-made files replace generated ones.
 */
final class PluginStaging {

	private final String pluginName;

	private final String version;

	private final LauncherScripts scripts;

	private final UiMetadata metadata;

	/**
	 * Creates a staging for one plugin.
	 * @param pluginName the plugin name
	 * @param version the version eKuiper shows
	 * @param scripts the launcher and install scripts
	 * @param metadata the UI metadata generator
	 */
	PluginStaging(String pluginName, String version, LauncherScripts scripts, UiMetadata metadata) {
		this.pluginName = pluginName;
		this.version = version;
		this.scripts = scripts;
		this.metadata = metadata;
	}

	/**
	 * Writes the package files into a folder, replacing what it held.
	 * @param folder the folder
	 * @param descriptor the plugin's symbols
	 * @param jar the plugin application's jar
	 * @param extraFiles hand-made files
	 * @return the files in zip order: {@code <plugin>.json} first, then the root, then
	 * each folder
	 * @throws IOException if a file cannot be written
	 */
	List<PackageEntry> stage(Path folder, PluginDescriptor descriptor, Path jar, List<ExtraFile> extraFiles)
			throws IOException {
		deleteRecursively(folder);
		Files.createDirectories(folder);
		Map<String, PackageEntry> entries = new LinkedHashMap<>();
		write(folder, entries, this.pluginName + ".json",
				PluginManifest.render(this.pluginName, this.version, descriptor), PackageEntry.FILE_MODE);
		write(folder, entries, this.pluginName, this.scripts.launcher(), PackageEntry.EXECUTABLE_MODE);
		Files.copy(jar, folder.resolve(this.pluginName + ".jar"), StandardCopyOption.REPLACE_EXISTING);
		add(folder, entries, this.pluginName + ".jar", PackageEntry.FILE_MODE);
		write(folder, entries, "install.sh", this.scripts.installScript(), PackageEntry.EXECUTABLE_MODE);
		for (SymbolDescriptor source : descriptor.sources()) {
			write(folder, entries, "sources/" + source.name() + ".yaml", SourceDefaults.render(source),
					PackageEntry.FILE_MODE);
			write(folder, entries, "sources/" + source.name() + ".json", this.metadata.source(source),
					PackageEntry.FILE_MODE);
		}
		for (SymbolDescriptor sink : descriptor.sinks()) {
			write(folder, entries, "sinks/" + sink.name() + ".json", this.metadata.sink(sink), PackageEntry.FILE_MODE);
		}
		for (SymbolDescriptor function : descriptor.functions()) {
			write(folder, entries, "functions/" + function.name() + ".json", this.metadata.function(function),
					PackageEntry.FILE_MODE);
		}
		for (ExtraFile extra : extraFiles) {
			Path target = folder.resolve(extra.path());
			Files.createDirectories(target.getParent());
			Files.copy(extra.source(), target, StandardCopyOption.REPLACE_EXISTING);
			add(folder, entries, extra.path(), extra.mode());
		}
		List<PackageEntry> ordered = new ArrayList<>(entries.values());
		ordered
			.sort(Comparator.comparingInt(this::rank).thenComparing((entry) -> (rank(entry) == 2) ? entry.path() : ""));
		return ordered;
	}

	/** Orders the manifest first, then root files as written, then folders by name. */
	private int rank(PackageEntry entry) {
		if (entry.path().equals(this.pluginName + ".json")) {
			return 0;
		}
		return entry.path().contains("/") ? 2 : 1;
	}

	private static void write(Path folder, Map<String, PackageEntry> entries, String path, byte[] content, int mode)
			throws IOException {
		Path target = folder.resolve(path);
		Files.createDirectories(target.getParent());
		Files.write(target, content);
		add(folder, entries, path, mode);
	}

	private static void add(Path folder, Map<String, PackageEntry> entries, String path, int mode) throws IOException {
		entries.remove(path);
		entries.put(path, new PackageEntry(path, mode));
		Path file = folder.resolve(path);
		if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
			Files.setPosixFilePermissions(file, permissions(mode));
		}
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		StringBuilder text = new StringBuilder();
		String letters = "rwxrwxrwx";
		for (int bit = 0; bit < 9; bit++) {
			text.append(((mode & (0400 >> bit)) != 0) ? letters.charAt(bit) : '-');
		}
		return PosixFilePermissions.fromString(text.toString());
	}

	private static void deleteRecursively(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
