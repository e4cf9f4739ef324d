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
package dev.ekuiper.plugin.nng.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The socket file of an ipc listener: it replaces a stale file left by a dead process,
 * refuses a path where a live listener answers or a non-socket file lies, makes the file
 * with the wanted permissions before anyone can connect, and removes it on close only if
 * it is still ours.
 */
final class IpcSocketFile {

	/** How long the stale-file probe waits for a holder of the path to answer. */
	static final int PROBE_TIMEOUT_MILLIS = 1000;

	private final Path path;

	private final Object fileKey;

	private IpcSocketFile(Path path, Object fileKey) {
		this.path = path;
		this.fileKey = fileKey;
	}

	/**
	 * Binds {@code server} to {@code path}. The socket is bound under a temporary name in
	 * the same folder, given its permissions, then renamed into place.
	 */
	static IpcSocketFile bind(ServerSocketChannel server, Path path, TransportOptions options) throws IOException {
		clearStale(path);
		Path folder = path.toAbsolutePath().getParent();
		Path temporary = folder.resolve(".nng-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
		if (temporary.toString().getBytes(StandardCharsets.UTF_8).length > Address.MAX_IPC_PATH_BYTES) {
			// No room for a temporary name: bind in place and restrict the file at once.
			server.bind(UnixDomainSocketAddress.of(path));
			Files.setPosixFilePermissions(path, options.ipcPermissions());
			return new IpcSocketFile(path, fileKey(path));
		}
		server.bind(UnixDomainSocketAddress.of(temporary));
		try {
			Files.setPosixFilePermissions(temporary, options.ipcPermissions());
			Files.move(temporary, path);
		}
		catch (FileAlreadyExistsException ex) {
			Files.deleteIfExists(temporary);
			throw new IOException("address in use: " + path + " appeared while binding", ex);
		}
		catch (IOException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		return new IpcSocketFile(path, fileKey(path));
	}

	/** Removes the file if it is still the one this listener made. */
	void delete() {
		try {
			if (Objects.equals(fileKey(this.path), this.fileKey)) {
				Files.deleteIfExists(this.path);
			}
		}
		catch (IOException ex) {
			// already gone or replaced: nothing of ours to remove
		}
	}

	private static void clearStale(Path path) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		if (!attributes.isOther()) {
			throw new IOException("address in use: " + path + " exists and is not a socket file");
		}
		switch (probe(path)) {
			case ACCEPTING -> throw new IOException("address in use: a live listener answers on " + path);
			case NOT_ACCEPTING -> throw new IOException(
					"address in use: " + path + " is held by a listener that does not accept connections within "
							+ PROBE_TIMEOUT_MILLIS + " ms; it is left in place");
			case NONE -> Files.deleteIfExists(path); // the file was left by a dead
														// process
		}
	}

	/**
	 * Connects to the socket file without blocking, waiting at most
	 * {@link #PROBE_TIMEOUT_MILLIS} for the holder to accept. A blocking connect would
	 * wait forever on a holder that never accepts (a hung peer, a full accept backlog).
	 */
	private static Holder probe(Path path) throws IOException {
		try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX);
				Selector selector = Selector.open()) {
			probe.configureBlocking(false);
			try {
				if (probe.connect(UnixDomainSocketAddress.of(path))) {
					return Holder.ACCEPTING;
				}
			}
			catch (ConnectException refused) {
				return Holder.NONE;
			}
			catch (IOException ex) {
				// EAGAIN: a listener is bound but its accept backlog is full.
				return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? Holder.NOT_ACCEPTING : Holder.NONE;
			}
			probe.register(selector, SelectionKey.OP_CONNECT);
			if (selector.select(PROBE_TIMEOUT_MILLIS) == 0) {
				return Holder.NOT_ACCEPTING;
			}
			try {
				probe.finishConnect();
				return Holder.ACCEPTING;
			}
			catch (ConnectException refused) {
				return Holder.NONE;
			}
		}
	}

	/** Who holds an existing socket file. */
	private enum Holder {

		/** A live listener accepted the probe. */
		ACCEPTING,

		/** A process is bound to the path but did not accept in time. */
		NOT_ACCEPTING,

		/** Nobody listens: the file is stale. */
		NONE

	}

	private static Object fileKey(Path path) throws IOException {
		return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
	}

}
