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
package dev.ekuiper.plugin.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.ekuiper.plugin.conformance.ConformancePlugin;
import dev.ekuiper.plugin.conformance.JavaPluginLauncher;
import dev.ekuiper.plugin.test.PluginCommand;
import dev.ekuiper.plugin.test.PluginProcess;

/**
 * {@link ProcessTestPlugin} behind a {@code #!/bin/sh} launcher, as eKuiper runs a
 * plugin, with a plugin name and rule id of its own so tests never share sockets in
 * {@code /tmp}. {@link #close()} kills every process it was told of and removes the
 * plugin's and the rule's socket files.
 */
public final class ChildPlugin implements AutoCloseable {

	/** Where the plugin's sockets are, as in eKuiper. */
	public static final Path SOCKETS = Path.of("/tmp");

	private final String suffix;

	private final String ruleId;

	private final Path executable;

	private final List<ProcessHandle> started = new ArrayList<>();

	/**
	 * Writes the launcher.
	 * @param folder where the launcher goes
	 * @param prefix starts the rule id and the name suffix, to tell the test classes
	 * apart
	 * @throws IOException if the launcher cannot be written
	 */
	public ChildPlugin(Path folder, String prefix) throws IOException {
		String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		this.suffix = "_" + prefix + id;
		this.ruleId = prefix + id;
		this.executable = JavaPluginLauncher.write(folder.resolve("plugin"), "launcher", ProcessTestPlugin.class,
				Map.of(ConformancePlugin.SUFFIX_PROPERTY, this.suffix));
	}

	/** The plugin's name. */
	public String name() {
		return ConformancePlugin.NAME + this.suffix;
	}

	/** What the plugin's symbol and socket names end with. */
	public String suffix() {
		return this.suffix;
	}

	/** A rule id of this plugin's own. */
	public String ruleId() {
		return this.ruleId;
	}

	/** The launcher. */
	public Path executable() {
		return this.executable;
	}

	/** Runs the launcher as eKuiper does, with its default argument. */
	public PluginCommand command() {
		return PluginCommand.go(this.executable);
	}

	/** Kills {@code process} at {@link #close()} if it is still alive. */
	public void track(ProcessHandle process) {
		this.started.add(process);
	}

	/** Kills {@code process} at {@link #close()} if it is still alive, and returns it. */
	public PluginProcess track(PluginProcess process) {
		track(ProcessHandle.of(process.pid()).orElseThrow());
		return process;
	}

	@Override
	public void close() throws IOException {
		for (ProcessHandle process : this.started) {
			process.destroyForcibly();
		}
		for (String pattern : new String[] { this.ruleId + "_*.ipc", "*" + this.suffix + ".ipc" }) {
			try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(SOCKETS, pattern)) {
				for (Path leftover : leftovers) {
					Files.deleteIfExists(leftover);
				}
			}
		}
	}

}
