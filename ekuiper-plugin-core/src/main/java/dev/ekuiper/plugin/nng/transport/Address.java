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

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.ekuiper.plugin.nng.wire.Framing;

/**
 * A parsed NNG URL: {@code ipc://<path>} or {@code tcp://<host>:<port>}.
 *
 * @param url the URL as given
 * @param framing the transport's framing, which also tells ipc from tcp
 * @param path the socket file, for ipc
 * @param host the host, for tcp; empty or {@code *} means every interface when listening
 * @param port the port, for tcp; 0 lets a listener pick one
 */
public record Address(String url, Framing framing, Path path, String host, int port) {

	/**
	 * The longest ipc path usable here, in bytes. Linux's {@code sun_path} holds 108
	 * bytes with the terminating NUL, so libnng accepts 107; the JDK's Unix domain
	 * sockets accept one byte less.
	 */
	public static final int MAX_IPC_PATH_BYTES = 106;

	private static final String IPC = "ipc://";

	private static final String TCP = "tcp://";

	/**
	 * Parses an NNG URL.
	 * @param url {@code ipc:///abs/path}, {@code ipc://relative/path} or
	 * {@code tcp://host:port}
	 * @return the address
	 * @throws IllegalArgumentException naming the URL and what is wrong with it
	 */
	public static Address parse(String url) {
		if (url == null) {
			throw new IllegalArgumentException("address must not be null");
		}
		if (url.startsWith(IPC)) {
			String file = url.substring(IPC.length());
			if (file.isEmpty() || file.indexOf('\0') >= 0) {
				throw new IllegalArgumentException("'" + url + "' has no usable ipc path");
			}
			int bytes = file.getBytes(StandardCharsets.UTF_8).length;
			if (bytes > MAX_IPC_PATH_BYTES) {
				throw new IllegalArgumentException("ipc path '" + file + "' is " + bytes
						+ " bytes long; Unix socket paths are limited to " + MAX_IPC_PATH_BYTES + " bytes in Java");
			}
			return new Address(url, Framing.IPC, Path.of(file), null, 0);
		}
		if (url.startsWith(TCP)) {
			String rest = url.substring(TCP.length());
			int colon = rest.lastIndexOf(':');
			if (colon < 0) {
				throw new IllegalArgumentException("'" + url + "' has no port (tcp://host:port)");
			}
			String host = rest.substring(0, colon);
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			int port;
			try {
				port = Integer.parseInt(rest.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + url + "' has a bad port", ex);
			}
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("'" + url + "' has a port out of range");
			}
			return new Address(url, Framing.TCP, null, host, port);
		}
		throw new IllegalArgumentException("'" + url + "' is not an ipc:// or tcp:// address");
	}

	/**
	 * Returns whether this is an {@code ipc://} address.
	 * @return {@code true} for ipc
	 */
	public boolean isIpc() {
		return this.framing == Framing.IPC;
	}

	/**
	 * Returns the protocol family for opening channels to this address.
	 * @return {@code UNIX} for ipc, {@code INET}/{@code INET6} for tcp
	 */
	public ProtocolFamily family() {
		if (isIpc()) {
			return StandardProtocolFamily.UNIX;
		}
		return (this.host.contains(":")) ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
	}

	/**
	 * Returns the socket address to connect to or bind.
	 * @return the socket address
	 */
	public SocketAddress socketAddress() {
		if (isIpc()) {
			return UnixDomainSocketAddress.of(this.path);
		}
		if (this.host.isEmpty() || this.host.equals("*")) {
			return new InetSocketAddress(this.port);
		}
		return new InetSocketAddress(this.host, this.port);
	}

	@Override
	public String toString() {
		return this.url;
	}

}
