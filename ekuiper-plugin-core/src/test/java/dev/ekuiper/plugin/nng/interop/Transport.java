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
package dev.ekuiper.plugin.nng.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * The two SP transports the tests run over, each making fresh endpoints.
 */
enum Transport {

	/** Unix domain sockets: {@code ipc://path}. */
	IPC,

	/** Loopback TCP: {@code tcp://127.0.0.1:port}. */
	TCP;

	/**
	 * Returns a fresh endpoint: a new socket file in {@code folder} for ipc, a free
	 * loopback port for tcp.
	 * @param folder a folder for socket files
	 * @param name a name for the socket file, unique within the folder
	 * @return the endpoint
	 */
	Endpoint endpoint(Path folder, String name) {
		if (this == IPC) {
			Path file = folder.resolve(name + ".sock").toAbsolutePath();
			return new Endpoint(this, "ipc://" + file, file);
		}
		return new Endpoint(this, "tcp://127.0.0.1:" + freePort(), null);
	}

	/**
	 * Returns an endpoint for our socket to listen on, letting tcp pick its port.
	 * @param folder a folder for socket files
	 * @param name a name for the socket file, unique within the folder
	 * @return the endpoint, whose URL must be replaced by the bound one for tcp
	 */
	Endpoint listenEndpoint(Path folder, String name) {
		if (this == IPC) {
			return endpoint(folder, name);
		}
		return new Endpoint(this, "tcp://127.0.0.1:0", null);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free tcp port", ex);
		}
	}

	/**
	 * Where a socket listens or dials.
	 *
	 * @param transport the transport
	 * @param url the NNG URL
	 * @param socketFile the socket file for ipc, {@code null} for tcp
	 */
	record Endpoint(Transport transport, String url, Path socketFile) {

		/**
		 * Returns this endpoint with the URL a listener actually bound.
		 * @param boundUrl the URL returned by {@code listen}
		 * @return the endpoint peers can dial
		 */
		Endpoint bound(String boundUrl) {
			return new Endpoint(this.transport, boundUrl, this.socketFile);
		}

		@Override
		public String toString() {
			return this.url;
		}

	}

}
