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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A plain stream connection that writes and reads raw SP bytes, with a deadline on every
 * read, standing in for a peer that speaks the wire format by hand.
 */
final class RawConnection implements AutoCloseable {

	private final SocketChannel channel;

	private final Selector selector;

	private final SelectionKey key;

	private RawConnection(SocketChannel channel) throws IOException {
		this.channel = channel;
		channel.configureBlocking(false);
		this.selector = Selector.open();
		this.key = channel.register(this.selector, SelectionKey.OP_READ);
	}

	/**
	 * Connects to an {@code ipc://} or {@code tcp://} URL.
	 * @param url where our socket listens
	 * @return the connection
	 * @throws IOException if the connection is refused
	 */
	static RawConnection connect(String url) throws IOException {
		SocketChannel channel = SocketChannel.open(family(url));
		try {
			channel.connect(address(url));
			return new RawConnection(channel);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Writes all the bytes.
	 * @param bytes what to write
	 * @throws IOException if the connection is broken
	 */
	void write(byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		long deadline = System.nanoTime() + Waits.WAIT.toNanos();
		while (buffer.hasRemaining()) {
			if (this.channel.write(buffer) == 0) {
				this.key.interestOps(SelectionKey.OP_WRITE);
				select(deadline, "write " + bytes.length + " bytes");
				this.key.interestOps(SelectionKey.OP_READ);
			}
		}
	}

	/**
	 * Reads exactly {@code count} bytes, failing on end of stream or after the timeout.
	 * @param count how many bytes
	 * @param timeout how long to wait for them
	 * @return the bytes
	 * @throws IOException if the connection is broken
	 */
	byte[] read(int count, Duration timeout) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(count);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (buffer.hasRemaining()) {
			int n = this.channel.read(buffer);
			if (n < 0) {
				throw new AssertionError("end of stream after " + buffer.position() + " of " + count + " bytes: "
						+ Bytes.toHex(Arrays.copyOf(buffer.array(), buffer.position())));
			}
			if (n == 0) {
				select(deadline, "read " + count + " bytes (have " + buffer.position() + ")");
			}
		}
		return buffer.array();
	}

	/**
	 * Reads one whole frame, its prefix included.
	 * @param transport the framing to expect
	 * @param timeout how long to wait for it
	 * @return the frame's bytes as they came
	 * @throws IOException if the connection is broken
	 */
	byte[] readFrame(Transport transport, Duration timeout) throws IOException {
		int prefixLength = (transport == Transport.IPC) ? 9 : 8;
		byte[] prefix = read(prefixLength, timeout);
		long length = ByteBuffer.wrap(prefix, prefixLength - 8, 8).getLong();
		byte[] content = read(Math.toIntExact(length), timeout);
		byte[] frame = new byte[prefixLength + content.length];
		System.arraycopy(prefix, 0, frame, 0, prefixLength);
		System.arraycopy(content, 0, frame, prefixLength, content.length);
		return frame;
	}

	/**
	 * Reads until the other side closes the connection, failing if it is still open after
	 * the timeout. A reset counts as closed.
	 * @param timeout how long the other side may take to close
	 * @return everything read before the end
	 * @throws IOException on a failure other than a reset
	 */
	byte[] readToEnd(Duration timeout) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		ByteBuffer buffer = ByteBuffer.allocate(8192);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			int n;
			try {
				n = this.channel.read(buffer);
			}
			catch (IOException ex) {
				return received.toByteArray();
			}
			if (n < 0) {
				return received.toByteArray();
			}
			received.write(buffer.array(), 0, n);
			buffer.clear();
			if (n == 0) {
				select(deadline,
						"see the connection closed (read so far: " + Bytes.toHex(received.toByteArray()) + ")");
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.selector.close();
		this.channel.close();
	}

	/**
	 * Makes the frame a peer sends on {@code transport} for {@code content}.
	 * @param transport the framing
	 * @param content protocol header and body
	 * @return the frame
	 */
	static byte[] frame(Transport transport, byte[] content) {
		int prefixLength = (transport == Transport.IPC) ? 9 : 8;
		ByteBuffer frame = ByteBuffer.allocate(prefixLength + content.length);
		if (transport == Transport.IPC) {
			frame.put((byte) 1);
		}
		return frame.putLong(content.length).put(content).array();
	}

	private void select(long deadline, String what) throws IOException {
		long wait = deadline - System.nanoTime();
		if (wait <= 0) {
			throw new AssertionError("timed out waiting to " + what);
		}
		this.selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
		this.selector.selectedKeys().clear();
	}

	private static ProtocolFamily family(String url) {
		return url.startsWith("ipc://") ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET;
	}

	private static SocketAddress address(String url) {
		if (url.startsWith("ipc://")) {
			return UnixDomainSocketAddress.of(url.substring("ipc://".length()));
		}
		String hostAndPort = url.substring("tcp://".length());
		int colon = hostAndPort.lastIndexOf(':');
		return new InetSocketAddress(hostAndPort.substring(0, colon),
				Integer.parseInt(hostAndPort.substring(colon + 1)));
	}

	/**
	 * A plain listener that hands out raw connections, for our dialing sockets to reach.
	 */
	static final class Listener implements AutoCloseable {

		private final ServerSocketChannel server;

		private final String url;

		private final Path socketFile;

		private Listener(ServerSocketChannel server, String url, Path socketFile) {
			this.server = server;
			this.url = url;
			this.socketFile = socketFile;
		}

		/**
		 * Listens on a new socket file in {@code folder} or a free loopback port.
		 * @param transport the transport
		 * @param folder a folder for the socket file
		 * @return the listener
		 * @throws IOException if it cannot bind
		 */
		static Listener open(Transport transport, Path folder) throws IOException {
			if (transport == Transport.IPC) {
				Path file = folder.resolve("raw.sock").toAbsolutePath();
				ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
				server.bind(UnixDomainSocketAddress.of(file));
				return new Listener(server, "ipc://" + file, file);
			}
			ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
			return new Listener(server, "tcp://127.0.0.1:" + port, null);
		}

		String url() {
			return this.url;
		}

		/**
		 * Accepts the next connection.
		 * @param timeout how long to wait for one
		 * @return the connection
		 * @throws IOException if accepting fails
		 */
		RawConnection accept(Duration timeout) throws IOException {
			this.server.configureBlocking(false);
			try (Selector selector = Selector.open()) {
				this.server.register(selector, SelectionKey.OP_ACCEPT);
				long deadline = System.nanoTime() + timeout.toNanos();
				while (true) {
					SocketChannel channel = this.server.accept();
					if (channel != null) {
						return new RawConnection(channel);
					}
					long wait = deadline - System.nanoTime();
					if (wait <= 0) {
						throw new AssertionError("no connection within " + timeout.toMillis() + " ms");
					}
					selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
					selector.selectedKeys().clear();
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			if (this.socketFile != null) {
				Files.deleteIfExists(this.socketFile);
			}
		}

	}

}
