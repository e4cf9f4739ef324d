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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * How eKuiper starts a plugin process: the command line and the working directory, which
 * is always the folder holding the executable. The environment is inherited.
 *
 * @param command the program and its arguments
 * @param workingDirectory the folder of the executable
 */
public record PluginCommand(List<String> command, Path workingDirectory) {

	/**
	 * The single argument eKuiper passes to every plugin; a constant, ignored by the
	 * SDKs.
	 */
	public static final String PORTABLE_ARGUMENT = "{\"sendTimeout\":1000}";

	/**
	 * Creates a command with an immutable copy of its arguments.
	 * @param command the program and its arguments
	 * @param workingDirectory the folder of the executable
	 */
	public PluginCommand {
		command = List.copyOf(command);
	}

	/**
	 * Runs a {@code language:"go"} plugin: the executable itself, by absolute path, with
	 * {@link #PORTABLE_ARGUMENT} as its only argument. A Java plugin ships this way with
	 * a {@code #!/bin/sh} launcher.
	 * @param executable the executable
	 * @return the command
	 */
	public static PluginCommand go(Path executable) {
		Path absolute = executable.toAbsolutePath().normalize();
		return new PluginCommand(List.of(absolute.toString(), PORTABLE_ARGUMENT), absolute.getParent());
	}

	/**
	 * Runs a {@code language:"python"} plugin:
	 * {@code <pythonBin> -u <script> <argument>}.
	 * @param pythonBin the interpreter, eKuiper's {@code portable.pythonBin}
	 * @param script the plugin's executable script
	 * @return the command
	 */
	public static PluginCommand python(String pythonBin, Path script) {
		Path absolute = script.toAbsolutePath().normalize();
		return new PluginCommand(List.of(pythonBin, "-u", absolute.toString(), PORTABLE_ARGUMENT),
				absolute.getParent());
	}

	/**
	 * Runs a Python plugin in a conda environment:
	 * {@code conda run -n <env> <pythonBin> <script> <argument>} (no {@code -u}, as in
	 * eKuiper).
	 * @param env the conda environment
	 * @param pythonBin the interpreter
	 * @param script the plugin's executable script
	 * @return the command
	 */
	public static PluginCommand conda(String env, String pythonBin, Path script) {
		Path absolute = script.toAbsolutePath().normalize();
		return new PluginCommand(List.of("conda", "run", "-n", env, pythonBin, absolute.toString(), PORTABLE_ARGUMENT),
				absolute.getParent());
	}

	/**
	 * Runs an unpacked plugin folder as eKuiper runs {@code plugins/portable/<name>/}: it
	 * reads {@code language}, {@code executable}, {@code virtualEnvType} and {@code env}
	 * from {@code <name>.json}, the folder's name being the plugin name.
	 * @param pluginFolder the folder
	 * @param pythonBin the interpreter for Python plugins
	 * @return the command
	 * @throws HostException if the descriptor is missing or invalid
	 */
	public static PluginCommand installed(Path pluginFolder, String pythonBin) {
		Path folder = pluginFolder.toAbsolutePath().normalize();
		Path descriptor = folder.resolve(folder.getFileName() + ".json");
		JsonNode json;
		try {
			json = GoJson.MAPPER.readTree(Files.readAllBytes(descriptor));
		}
		catch (Exception ex) {
			throw new HostException("cannot read plugin descriptor " + descriptor + ": " + ex.getMessage(), ex);
		}
		String language = json.path("language").asString("");
		String executable = json.path("executable").asString("");
		if (executable.isEmpty()) {
			throw new HostException("plugin descriptor " + descriptor + " has no executable");
		}
		Path program = folder.resolve(executable);
		if ("go".equals(language)) {
			return go(program);
		}
		if (!"python".equals(language)) {
			throw new HostException("unsupported language: " + language);
		}
		if (json.hasNonNull("virtualEnvType")) {
			String type = json.path("virtualEnvType").asString("");
			if (!"conda".equals(type)) {
				throw new HostException("unsupported virtual type: " + type);
			}
			return conda(json.path("env").asString(""), pythonBin, program);
		}
		return python(pythonBin, program);
	}

}
