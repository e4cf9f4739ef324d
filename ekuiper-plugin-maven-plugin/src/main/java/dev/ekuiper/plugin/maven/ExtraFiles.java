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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;

/**
 * Hand-made files a project adds to its plugin package, from a folder laid out like the
 * package. {@code install.sh} holds install steps of the project's own, run before the
 * generated ones. A file under {@code sources/}, {@code sinks/} or {@code functions/}
 * replaces the generated file of that symbol, so the symbol must exist in the code. Any
 * other file is added to the plugin folder as it is.
 */
final class ExtraFiles {

	private ExtraFiles() {
	}

	/**
	 * Lists the extra files of a project, checked against the plugin's symbols.
	 * @param folder the folder; it need not exist
	 * @param pluginName the plugin name
	 * @param descriptor the plugin's symbols
	 * @return the files in name order
	 * @throws PackagingException if a file would replace a generated one that must not be
	 * replaced or names a symbol the code does not have
	 * @throws IOException if the folder cannot be read
	 */
	static List<ExtraFile> scan(Path folder, String pluginName, PluginDescriptor descriptor)
			throws PackagingException, IOException {
		List<ExtraFile> files = new ArrayList<>();
		if (folder == null || !Files.isDirectory(folder)) {
			return files;
		}
		List<Path> found;
		try (Stream<Path> walk = Files.walk(folder)) {
			found = walk.filter(Files::isRegularFile).sorted().toList();
		}
		List<String> problems = new ArrayList<>();
		Set<String> reserved = Set.of(pluginName, pluginName + ".json", pluginName + ".jar",
				LauncherScripts.EXTRA_INSTALL_SCRIPT, "install.log");
		for (Path file : found) {
			String path = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
			int mode = Files.isExecutable(file) ? PackageEntry.EXECUTABLE_MODE : PackageEntry.FILE_MODE;
			if (path.equals("install.sh")) {
				files.add(new ExtraFile(file, LauncherScripts.EXTRA_INSTALL_SCRIPT, PackageEntry.EXECUTABLE_MODE));
			}
			else if (reserved.contains(path)) {
				problems.add(path + ": the build generates this file; configure pluginName, version or jvmOptions "
						+ "instead");
			}
			else if (path.startsWith("app/")) {
				problems.add(path + ": install.sh creates app/ on the device");
			}
			else if (checkSymbolFile(path, descriptor, problems)) {
				files.add(new ExtraFile(file, path, mode));
			}
		}
		if (!problems.isEmpty()) {
			throw new PackagingException("Hand-made files in " + folder + " do not fit plugin '" + pluginName
					+ "':\n  - " + String.join("\n  - ", problems));
		}
		return files;
	}

	/** Returns whether a file may be added, recording why not otherwise. */
	private static boolean checkSymbolFile(String path, PluginDescriptor descriptor, List<String> problems) {
		int slash = path.indexOf('/');
		String folder = (slash > 0) ? path.substring(0, slash) : "";
		String rest = path.substring(slash + 1);
		List<SymbolDescriptor> symbols;
		Set<String> extensions;
		switch (folder) {
			case "sources" -> {
				symbols = descriptor.sources();
				extensions = Set.of("yaml", "json");
			}
			case "sinks" -> {
				symbols = descriptor.sinks();
				extensions = Set.of("json");
			}
			case "functions" -> {
				symbols = descriptor.functions();
				extensions = Set.of("json");
			}
			default -> {
				return true;
			}
		}
		String kind = folder.substring(0, folder.length() - 1);
		int dot = rest.lastIndexOf('.');
		String name = (dot > 0) ? rest.substring(0, dot) : rest;
		String extension = (dot > 0) ? rest.substring(dot + 1) : "";
		if (rest.contains("/") || !extensions.contains(extension)) {
			problems.add(path + ": only "
					+ extensions.stream()
						.sorted()
						.map((ext) -> "<" + kind + ">." + ext)
						.collect(Collectors.joining(" and "))
					+ " belong in " + folder + "/");
			return false;
		}
		if (symbols.stream().noneMatch((symbol) -> symbol.name().equals(name))) {
			problems.add(path + ": the code has no " + kind + " named '" + name + "' (its " + folder + ": "
					+ symbols.stream().map(SymbolDescriptor::name).toList() + ")");
			return false;
		}
		return true;
	}

	/**
	 * One hand-made file.
	 *
	 * @param source where it is in the project
	 * @param path where it goes in the package
	 * @param mode its unix permission bits
	 */
	record ExtraFile(Path source, String path, int mode) {
	}

}
