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

import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded host of one test class, listening in the socket directory leased to the
 * class; closing it closes the host and ends the lease.
 */
final class HostedPlugin implements AutoCloseable {

	private final Class<?> owner;

	private final EmbeddedHost host;

	private final Duration handshakeTimeout;

	private boolean handshakeReceived;

	private boolean handshakeRequested;

	private HostedPlugin(Class<?> owner, EmbeddedHost host, Duration handshakeTimeout) {
		this.owner = owner;
		this.host = host;
		this.handshakeTimeout = handshakeTimeout;
	}

	/**
	 * Starts a host for a plugin, listening in the directory leased to the class.
	 */
	static HostedPlugin start(Class<?> owner, String pluginName, Duration handshakeTimeout) {
		Path directory = SocketDirectoryLeases.lease(owner);
		try {
			EmbeddedHost host = EmbeddedHost.builder(pluginName).socketDirectory(directory).build();
			return new HostedPlugin(owner, host, handshakeTimeout);
		}
		catch (RuntimeException ex) {
			SocketDirectoryLeases.release(owner);
			throw ex;
		}
	}

	EmbeddedHost host() {
		return this.host;
	}

	/** Waits for the handshake unless it has arrived already. */
	synchronized void awaitHandshake() {
		if (!this.handshakeReceived) {
			this.host.awaitHandshake(this.handshakeTimeout);
			this.handshakeReceived = true;
		}
	}

	/** Notes that the handshake is to be awaited before the next test. */
	synchronized void requestHandshake() {
		this.handshakeRequested = true;
	}

	synchronized boolean isHandshakeRequested() {
		return this.handshakeRequested;
	}

	@Override
	public void close() {
		try {
			this.host.close();
		}
		finally {
			SocketDirectoryLeases.release(this.owner);
		}
	}

}
