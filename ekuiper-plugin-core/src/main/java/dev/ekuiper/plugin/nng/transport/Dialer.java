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
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection to an address: connects, and after a failed attempt or a lost
 * connection tries again, waiting from the minimum reconnect interval and doubling up to
 * the maximum.
 */
public final class Dialer implements EventLoop.Handler {

	private static final Logger logger = LoggerFactory.getLogger(Dialer.class);

	private final PipeContext context;

	private final Address address;

	private long backoffNanos;

	private SocketChannel connecting;

	private EventLoop.Timer retry;

	private volatile boolean closed;

	private Dialer(PipeContext context, Address address) {
		this.context = context;
		this.address = address;
		this.backoffNanos = context.options().reconnectMin().toNanos();
	}

	/**
	 * Connects once on the calling thread, waiting at most the handshake timeout, and
	 * keeps the connection up from then on. A listener that does not accept (a full
	 * accept backlog, a hung peer) fails the attempt instead of blocking the caller.
	 * @param context the socket's pipe context
	 * @param address where to connect
	 * @return the dialer
	 * @throws IOException if this first attempt fails or does not connect in time
	 */
	public static Dialer connectNow(PipeContext context, Address address) throws IOException {
		Dialer dialer = new Dialer(context, address);
		SocketChannel channel = SocketChannel.open(address.family());
		try {
			channel.configureBlocking(false);
			if (!channel.connect(address.socketAddress())) {
				awaitConnect(channel, context.options().handshakeTimeout());
			}
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		context.loop().execute(() -> dialer.connected(channel));
		return dialer;
	}

	private static void awaitConnect(SocketChannel channel, Duration timeout) throws IOException {
		try (Selector selector = Selector.open()) {
			channel.register(selector, SelectionKey.OP_CONNECT);
			if (selector.select(Math.max(1, timeout.toMillis())) == 0) {
				throw new IOException("not connected within " + timeout.toMillis() + " ms");
			}
			channel.finishConnect();
		}
	}

	/**
	 * Starts connecting in the background and keeps the connection up.
	 * @param context the socket's pipe context
	 * @param address where to connect
	 * @return the dialer
	 */
	public static Dialer connectLater(PipeContext context, Address address) {
		Dialer dialer = new Dialer(context, address);
		context.loop().execute(dialer::attempt);
		return dialer;
	}

	/**
	 * Returns the address this dialer connects to.
	 * @return the address
	 */
	public Address address() {
		return this.address;
	}

	/** Stops reconnecting; the current connection, if any, is closed with the socket. */
	public void close() {
		this.closed = true;
		Runnable stop = () -> {
			if (this.retry != null) {
				this.retry.cancel();
			}
			closeConnecting();
		};
		if (this.context.loop().inLoop()) {
			stop.run();
		}
		else {
			this.context.loop().execute(stop);
		}
	}

	@Override
	public void ready(SelectionKey key) {
		SocketChannel channel = this.connecting;
		try {
			if (channel != null && channel.finishConnect()) {
				// The key stays: the pipe takes it over for reading.
				this.connecting = null;
				connected(channel);
			}
		}
		catch (IOException ex) {
			key.cancel();
			failed(ex);
		}
	}

	private void attempt() {
		this.retry = null;
		if (this.closed) {
			return;
		}
		try {
			SocketChannel channel = SocketChannel.open(this.address.family());
			this.connecting = channel;
			channel.configureBlocking(false);
			if (channel.connect(this.address.socketAddress())) {
				this.connecting = null;
				connected(channel);
			}
			else {
				this.context.loop().register(channel, SelectionKey.OP_CONNECT, this);
			}
		}
		catch (IOException ex) {
			failed(ex);
		}
	}

	private void connected(SocketChannel channel) {
		if (this.closed) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// not wanted any more
			}
			return;
		}
		this.backoffNanos = this.context.options().reconnectMin().toNanos();
		Pipe.open(this.context, channel, this.address.framing(), "dialed to " + this.address, this::pipeClosed);
	}

	private void failed(IOException ex) {
		closeConnecting();
		if (this.closed) {
			return;
		}
		logger.debug("nng: dial {} failed ({}), retrying in {} ms", this.address, ex.getMessage(),
				this.backoffNanos / 1_000_000);
		this.retry = this.context.loop().schedule(this.backoffNanos, this::attempt);
		long max = this.context.options().reconnectMax().toNanos();
		this.backoffNanos = Math.min(this.backoffNanos * 2, max);
	}

	private void pipeClosed() {
		if (!this.closed) {
			this.retry = this.context.loop().schedule(this.backoffNanos, this::attempt);
		}
	}

	private void closeConnecting() {
		if (this.connecting != null) {
			try {
				this.connecting.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.connecting = null;
		}
	}

}
