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

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.ekuiper.plugin.nng.transport.Address;
import dev.ekuiper.plugin.nng.wire.ConnectionHeader;
import dev.ekuiper.plugin.nng.wire.FrameFormatException;
import dev.ekuiper.plugin.nng.wire.Framing;
import dev.ekuiper.plugin.nng.wire.RawBytes;

/**
 * A hand-driven SP peer on a plain socket channel that writes and reads exact bytes, for
 * wire-level checks and misbehaving peers, with every wait bounded by {@link #WAIT}.
 */
public final class RawPeer implements Closeable {

	/** The longest any single read, write or accept may wait. */
	public static final Duration WAIT = Duration.ofSeconds(5);

	private final SocketChannel channel;

	private final Framing framing;

	private final Selector selector;

	private final SelectionKey key;

	private RawPeer(SocketChannel channel, Framing framing) throws IOException {
		this.channel = channel;
		this.framing = framing;
		channel.configureBlocking(false);
		this.selector = Selector.open();
		this.key = channel.register(this.selector, 0);
	}

	/**
	 * Connects to an {@code ipc://} or {@code tcp://} address.
	 * @param url the address
	 * @return the connected peer
	 * @throws IOException if the connection is refused
	 */
	public static RawPeer connect(String url) throws IOException {
		Address address = Address.parse(url);
		SocketChannel channel = SocketChannel.open(address.family());
		try {
			channel.connect(address.socketAddress());
			return new RawPeer(channel, address.framing());
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Returns the framing of this peer's transport.
	 * @return ipc or tcp framing
	 */
	public Framing framing() {
		return this.framing;
	}

	/**
	 * Sends the connection header of a protocol.
	 * @param protocol the protocol number to announce
	 * @throws IOException if the write fails or times out
	 */
	public void sendHeader(int protocol) throws IOException {
		ByteBuffer header = ByteBuffer.allocate(ConnectionHeader.LENGTH);
		ConnectionHeader.write(header, protocol);
		write(header.array());
	}

	/**
	 * Reads the peer's connection header.
	 * @return the protocol number it announces
	 * @throws IOException if it does not arrive in time
	 * @throws FrameFormatException if it is not a valid header
	 */
	public int readHeader() throws IOException, FrameFormatException {
		return ConnectionHeader.read(ByteBuffer.wrap(read(ConnectionHeader.LENGTH)));
	}

	/**
	 * Sends the connection header of {@code protocol} and reads the peer's.
	 * @param protocol the protocol number to announce
	 * @return the protocol number the peer announces
	 * @throws Exception if the exchange fails
	 */
	public int handshake(int protocol) throws Exception {
		sendHeader(protocol);
		return readHeader();
	}

	/**
	 * Sends one frame: the framing prefix, the protocol header words, then the body.
	 * @param words protocol header words
	 * @param body the body
	 * @throws IOException if the write fails or times out
	 */
	public void sendFrame(int[] words, byte[] body) throws IOException {
		write(RawBytes.frame(this.framing, words, body));
	}

	/**
	 * Reads one frame and returns its content: protocol header words and body.
	 * @return the frame content
	 * @throws IOException if it does not arrive in time or the framing is wrong
	 */
	public byte[] readFrame() throws IOException {
		if (this.framing == Framing.IPC) {
			byte type = read(1)[0];
			if (type != Framing.IPC_MESSAGE_TYPE) {
				throw new IOException("bad ipc type byte " + type);
			}
		}
		long length = ByteBuffer.wrap(read(8)).getLong();
		if (length < 0 || length > Integer.MAX_VALUE - 8) {
			throw new IOException("frame length " + Long.toUnsignedString(length));
		}
		return read((int) length);
	}

	/**
	 * Writes bytes as they are.
	 * @param bytes the bytes
	 * @throws IOException if the write fails or does not finish in time
	 */
	public void write(byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (buffer.hasRemaining()) {
			if (this.channel.write(buffer) == 0) {
				await(SelectionKey.OP_WRITE, deadline, "writing " + bytes.length + " bytes");
			}
		}
	}

	/**
	 * Reads exactly {@code length} bytes.
	 * @param length how many bytes
	 * @return the bytes
	 * @throws EOFException if the connection ends first
	 * @throws IOException if they do not arrive in time
	 */
	public byte[] read(int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (buffer.hasRemaining()) {
			int n = this.channel.read(buffer);
			if (n < 0) {
				throw new EOFException("connection closed after " + buffer.position() + " of " + length + " bytes");
			}
			if (n == 0) {
				await(SelectionKey.OP_READ, deadline, "reading " + length + " bytes, got " + buffer.position());
			}
		}
		return buffer.array();
	}

	/**
	 * Waits for the other side to close the connection, discarding what it sends.
	 * @param timeout how long to wait
	 * @return {@code true} if the connection ended (EOF or reset) in time
	 * @throws IOException if waiting fails
	 */
	public boolean awaitClosed(Duration timeout) throws IOException {
		ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			int n;
			try {
				n = this.channel.read(sink);
			}
			catch (IOException ex) {
				return true;
			}
			if (n < 0) {
				return true;
			}
			sink.clear();
			if (n == 0 && !tryAwait(SelectionKey.OP_READ, deadline)) {
				return false;
			}
		}
	}

	/**
	 * Returns whether no byte arrives and the connection stays open for a while.
	 * @param duration how long to watch
	 * @return {@code true} if nothing arrived and the connection did not end
	 * @throws IOException if watching fails
	 */
	public boolean staysQuiet(Duration duration) throws IOException {
		ByteBuffer one = ByteBuffer.allocate(1);
		long deadline = System.nanoTime() + duration.toNanos();
		while (true) {
			int n = this.channel.read(one);
			if (n != 0) {
				return false;
			}
			if (!tryAwait(SelectionKey.OP_READ, deadline)) {
				return true;
			}
		}
	}

	/**
	 * Stops sending: the other side reads EOF, this side can still read.
	 * @throws IOException if the shutdown fails
	 */
	public void shutdownOutput() throws IOException {
		this.channel.shutdownOutput();
	}

	@Override
	public void close() throws IOException {
		try {
			this.selector.close();
		}
		finally {
			this.channel.close();
		}
	}

	private void await(int op, long deadline, String what) throws IOException {
		if (!tryAwait(op, deadline)) {
			throw new IOException("timed out after " + WAIT.toMillis() + " ms " + what);
		}
	}

	private boolean tryAwait(int op, long deadline) throws IOException {
		long wait = deadline - System.nanoTime();
		if (wait <= 0) {
			return false;
		}
		this.key.interestOps(op);
		this.selector.select(Math.max(1, Duration.ofNanos(wait).toMillis()));
		this.selector.selectedKeys().clear();
		return true;
	}

	/**
	 * A plain listening socket that accepts connections as {@link RawPeer raw peers}.
	 */
	public static final class Server implements Closeable {

		private final ServerSocketChannel channel;

		private final Framing framing;

		private final String url;

		private final Path path;

		private final Selector selector;

		private Server(ServerSocketChannel channel, Framing framing, String url, Path path) throws IOException {
			this.channel = channel;
			this.framing = framing;
			this.url = url;
			this.path = path;
			channel.configureBlocking(false);
			this.selector = Selector.open();
			channel.register(this.selector, SelectionKey.OP_ACCEPT);
		}

		/**
		 * Listens on an address; for {@code tcp://} a port of 0 picks a free one.
		 * @param url the address
		 * @return the server
		 * @throws IOException if the address cannot be bound
		 */
		public static Server listen(String url) throws IOException {
			Address address = Address.parse(url);
			ServerSocketChannel channel = ServerSocketChannel.open(address.family());
			try {
				if (address.isIpc()) {
					channel.bind(UnixDomainSocketAddress.of(address.path()));
					return new Server(channel, address.framing(), url, address.path());
				}
				channel.bind(new InetSocketAddress("127.0.0.1", address.port()));
				int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
				return new Server(channel, address.framing(), "tcp://127.0.0.1:" + port, null);
			}
			catch (IOException ex) {
				channel.close();
				throw ex;
			}
		}

		/**
		 * Returns the URL to dial.
		 * @return the URL, with the bound port for tcp
		 */
		public String url() {
			return this.url;
		}

		/**
		 * Accepts the next connection.
		 * @return the connection as a raw peer
		 * @throws IOException if none arrives in time
		 */
		public RawPeer accept() throws IOException {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (true) {
				SocketChannel accepted = this.channel.accept();
				if (accepted != null) {
					return new RawPeer(accepted, this.framing);
				}
				long wait = deadline - System.nanoTime();
				if (wait <= 0) {
					throw new IOException("no connection within " + WAIT.toMillis() + " ms on " + this.url);
				}
				this.selector.select(Math.max(1, Duration.ofNanos(wait).toMillis()));
				this.selector.selectedKeys().clear();
			}
		}

		@Override
		public void close() throws IOException {
			try {
				this.selector.close();
				this.channel.close();
			}
			finally {
				if (this.path != null) {
					Files.deleteIfExists(this.path);
				}
			}
		}

	}

}
