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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An eKuiper home folder into which plugin zips are installed the way eKuiper 2.4's
 * installer does it ({@code pp/manager.go} install, {@code filex/zip.go} UnzipTo): the
 * zip must hold {@code <name>.json}, its executable and a yaml for every source; files
 * under {@code sources/}, {@code sinks/} and {@code functions/} go to {@code etc/} and
 * {@code data/}, everything else to {@code plugins/portable/<name>/}; each file gets the
 * mode of its entry and at most one missing parent folder; {@code install.sh} then runs
 * with {@code /bin/sh} inside the plugin folder.
 */
final class EkuiperInstallation {

	private static final List<String> SYMBOL_FOLDERS = List.of("sources/", "sinks/", "functions/");

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final Path home;

	/**
	 * Creates the folders of an eKuiper home.
	 * @param home the home folder
	 * @throws IOException if they cannot be created
	 */
	EkuiperInstallation(Path home) throws IOException {
		this.home = home;
		Files.createDirectories(etc());
		Files.createDirectories(data());
		Files.createDirectories(home.resolve("plugins").resolve("portable"));
	}

	/**
	 * Returns the configuration folder, where eKuiper reads the symbols' files.
	 * @return {@code etc/}
	 */
	Path etc() {
		return this.home.resolve("etc");
	}

	/**
	 * Returns the data folder, which gets a second copy of the symbols' files.
	 * @return {@code data/}
	 */
	Path data() {
		return this.home.resolve("data");
	}

	/**
	 * Returns the folder a plugin is installed in.
	 * @param name the plugin name
	 * @return {@code plugins/portable/<name>/}
	 */
	Path pluginFolder(String name) {
		return this.home.resolve("plugins").resolve("portable").resolve(name);
	}

	/**
	 * Unpacks a plugin zip, without running its {@code install.sh}.
	 * @param zip the plugin zip
	 * @param name the name the plugin is installed under
	 * @return the plugin folder
	 * @throws IOException if the zip cannot be read or a file not written
	 * @throws IllegalStateException if eKuiper would refuse the zip
	 */
	Path unpack(Path zip, String name) throws IOException {
		Path folder = pluginFolder(name);
		try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
			check(file, name);
			for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
				String path = entry.getName();
				if (SYMBOL_FOLDERS.stream().anyMatch(path::startsWith)) {
					unzipTo(file, entry, etc().resolve(path));
					unzipTo(file, entry, data().resolve(path));
				}
				else {
					unzipTo(file, entry, folder.resolve(path));
				}
			}
		}
		return folder;
	}

	/**
	 * Runs the plugin's {@code install.sh} as eKuiper does, {@code /bin/sh install.sh}
	 * inside the plugin folder, with eKuiper's environment plus some variables.
	 * @param name the plugin name
	 * @param environment variables to add to the environment
	 * @param timeout how long the script may run
	 * @return what the script printed
	 * @throws IOException if it cannot be run
	 * @throws InterruptedException if interrupted while waiting
	 * @throws IllegalStateException if it fails or runs too long
	 */
	String runInstallScript(String name, Map<String, String> environment, Duration timeout)
			throws IOException, InterruptedException {
		Path folder = pluginFolder(name);
		Path output = Files.createTempFile(this.home, "install-", ".out");
		ProcessBuilder builder = new ProcessBuilder("/bin/sh", "install.sh").directory(folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			process.waitFor(5, TimeUnit.SECONDS);
			throw new IllegalStateException(
					"install.sh did not finish within " + timeout.toSeconds() + " s: " + Files.readString(output));
		}
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new IllegalStateException("install.sh failed with exit code " + process.exitValue() + ": " + printed);
		}
		return printed;
	}

	/** Checks what eKuiper checks before it unpacks anything. */
	private static void check(ZipFile file, String name) throws IOException {
		ZipArchiveEntry manifestEntry = file.getEntry(name + ".json");
		if (manifestEntry == null) {
			throw new IllegalStateException("fail to find plugin json file " + name + ".json in the zip");
		}
		JsonNode manifest;
		try (InputStream in = file.getInputStream(manifestEntry)) {
			manifest = jsonMapper.readTree(in);
		}
		String executable = Path.of(manifest.path("executable").asString("")).normalize().toString();
		if (executable.isEmpty() || file.getEntry(executable) == null) {
			throw new IllegalStateException("the executable '" + executable + "' is not in the zip");
		}
		for (JsonNode source : manifest.path("sources")) {
			if (file.getEntry("sources/" + source.asString() + ".yaml") == null) {
				throw new IllegalStateException("no configuration sources/" + source.asString() + ".yaml in the zip");
			}
		}
	}

	/**
	 * Go's {@code UnzipTo}: a folder is created with its parents, a file replaces what is
	 * there, gets one missing parent folder at most and the permission bits of its entry.
	 */
	private static void unzipTo(ZipFile file, ZipArchiveEntry entry, Path target) throws IOException {
		if (entry.isDirectory()) {
			Files.createDirectories(target);
			return;
		}
		deleteRecursively(target);
		if (!Files.isDirectory(target.getParent())) {
			// os.Mkdir: fails when the grandparent is missing too.
			Files.createDirectory(target.getParent());
		}
		try (InputStream in = file.getInputStream(entry)) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
		Files.setPosixFilePermissions(target, permissions(mode(entry)));
	}

	/** The mode Go's {@code zip.FileHeader.Mode()} gives a file. */
	private static int mode(ZipArchiveEntry entry) {
		if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX) {
			return entry.getUnixMode() & 0777;
		}
		return 0666;
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] all = PosixFilePermission.values();
		for (int bit = 0; bit < 9; bit++) {
			if ((mode & (0400 >> bit)) != 0) {
				permissions.add(all[bit]);
			}
		}
		return permissions;
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}
