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
package dev.ekuiper.plugin.nng;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the socket tests share: sockets opened with generous timeouts, ipc addresses in a
 * temporary directory, and everything a test opened closed after it, last first.
 */
public abstract class SocketTestSupport {

	/** A wait that should time out. */
	protected static final Duration SHORT = Duration.ofMillis(200);

	/**
	 * The send and receive timeouts of the sockets opened here: long enough never to hit.
	 */
	protected static final Duration LONG = Duration.ofSeconds(5);

	/** Where the ipc addresses are. */
	@TempDir
	protected Path directory;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private int names;

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

	/** Opens a REQ socket, closed after the test. */
	protected ReqSocket req() {
		return withLongTimeouts(new ReqSocket());
	}

	/** Opens a REP socket, closed after the test. */
	protected RepSocket rep() {
		return withLongTimeouts(new RepSocket());
	}

	/** Opens a PUSH socket, closed after the test. */
	protected PushSocket push() {
		return withLongTimeouts(new PushSocket());
	}

	/** Opens a PULL socket, closed after the test. */
	protected PullSocket pull() {
		return withLongTimeouts(new PullSocket());
	}

	/**
	 * Returns a fresh ipc address in the test's directory, or a tcp one on any free port.
	 */
	protected String listenUrl(String transport) {
		return transport.equals("ipc") ? ipcUrl("s" + (++this.names)) : "tcp://127.0.0.1:0";
	}

	/** Returns the ipc address of that name in the test's directory. */
	protected String ipcUrl(String name) {
		return "ipc://" + this.directory.resolve(name + ".ipc");
	}

	/** Closes {@code closeable} after the test, before what was tracked earlier. */
	protected <T extends AutoCloseable> T track(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	private <T extends NngSocket> T withLongTimeouts(T socket) {
		track(socket);
		socket.setSendTimeout(LONG);
		socket.setReceiveTimeout(LONG);
		return socket;
	}

}
