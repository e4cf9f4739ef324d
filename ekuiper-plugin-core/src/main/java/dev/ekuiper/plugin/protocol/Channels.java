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
package dev.ekuiper.plugin.protocol;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.ekuiper.plugin.nng.NngSocket;

/**
 * Where each channel's socket lives, as eKuiper names them, inside one socket directory
 * ({@code /tmp} in eKuiper). Every name is checked so that nothing is ever created
 * outside that directory and no path exceeds the Unix socket limit.
 */
public final class Channels {

	/** The longest Unix socket path, in bytes. */
	public static final int MAX_PATH_BYTES = NngSocket.MAX_IPC_PATH_BYTES;

	private final Path directory;

	/**
	 * Creates the naming for a socket directory.
	 * @param directory the socket directory
	 */
	public Channels(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	/**
	 * Returns the socket directory.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Returns the control channel's URL.
	 * @param pluginName the plugin name
	 * @return {@code ipc://<dir>/plugin_<name>.ipc}
	 * @throws ProtocolException if the name is unsafe or the path too long
	 */
	public String control(String pluginName) throws ProtocolException {
		return url("plugin_" + safe(pluginName, "plugin name") + ".ipc");
	}

	/**
	 * Returns a function channel's URL.
	 * @param symbolName the function symbol
	 * @return {@code ipc://<dir>/func_<symbol>.ipc}
	 * @throws ProtocolException if the name is unsafe or the path too long
	 */
	public String function(String symbolName) throws ProtocolException {
		return url("func_" + safe(symbolName, "symbol name") + ".ipc");
	}

	/**
	 * Returns a source's or sink's data channel URL.
	 * @param meta the rule operator
	 * @return {@code ipc://<dir>/<rule>_<op>_<instance>.ipc}
	 * @throws ProtocolException if an id is unsafe or the path too long
	 */
	public String data(SymbolMeta meta) throws ProtocolException {
		return url(key(meta) + ".ipc");
	}

	/**
	 * Returns a sink's ack channel URL.
	 * @param meta the rule operator
	 * @return {@code ipc://<dir>/<rule>_<op>_<instance>_ack.ipc}
	 * @throws ProtocolException if an id is unsafe or the path too long
	 */
	public String ack(SymbolMeta meta) throws ProtocolException {
		return url(key(meta) + "_ack.ipc");
	}

	private static String key(SymbolMeta meta) throws ProtocolException {
		safe(meta.ruleId(), "ruleId");
		safe(meta.opId(), "opId");
		return meta.channelKey();
	}

	/**
	 * Returns whether a name can be part of a socket file name: it cannot reach outside
	 * the socket directory.
	 * @param name a plugin, symbol, rule or operator name
	 * @return {@code true} unless it holds {@code /}, {@code \}, {@code ..} or NUL
	 */
	public static boolean isSafeName(String name) {
		return name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0 && !name.contains("..");
	}

	private static String safe(String id, String what) throws ProtocolException {
		if (id == null || id.isEmpty()) {
			throw new ProtocolException("Missing " + what);
		}
		if (!isSafeName(id)) {
			throw new ProtocolException("Refused " + what + " '" + Texts.clip(id.replace('\0', '?'))
					+ "': it must not contain '/', '\\', '..' or NUL");
		}
		return id;
	}

	private String url(String fileName) throws ProtocolException {
		Path path = this.directory.resolve(fileName);
		int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_PATH_BYTES) {
			throw new ProtocolException(
					"Socket path " + Texts.clip(path) + " is " + bytes + " bytes; Unix socket paths are limited to "
							+ MAX_PATH_BYTES + " bytes (shorten the rule or stream name)");
		}
		return "ipc://" + path;
	}

}
