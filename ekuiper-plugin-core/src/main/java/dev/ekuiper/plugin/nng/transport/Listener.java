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
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections on an address, each becoming a pipe of the socket.
 */
public final class Listener implements EventLoop.Handler {

	private static final Logger logger = LoggerFactory.getLogger(Listener.class);

	private final PipeContext context;

	private final Address address;

	private final ServerSocketChannel server;

	private final IpcSocketFile socketFile;

	private SelectionKey key;

	private Listener(PipeContext context, Address address, ServerSocketChannel server, IpcSocketFile socketFile) {
		this.context = context;
		this.address = address;
		this.server = server;
		this.socketFile = socketFile;
	}

	/**
	 * Binds the address on the calling thread, then accepts on the loop.
	 * @param context the socket's pipe context
	 * @param address where to listen
	 * @return the listener
	 * @throws IOException if the address cannot be bound
	 */
	public static Listener bind(PipeContext context, Address address) throws IOException {
		ServerSocketChannel server = ServerSocketChannel.open(address.family());
		IpcSocketFile socketFile = null;
		try {
			if (address.isIpc()) {
				socketFile = IpcSocketFile.bind(server, address.path(), context.options());
			}
			else {
				server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
				server.bind(address.socketAddress());
			}
			server.configureBlocking(false);
		}
		catch (IOException ex) {
			server.close();
			throw ex;
		}
		Listener listener = new Listener(context, address, server, socketFile);
		context.loop().execute(listener::register);
		return listener;
	}

	/**
	 * Returns the URL peers can dial; for {@code tcp://host:0} it names the chosen port.
	 * @return the bound URL
	 */
	public String boundUrl() {
		if (this.address.isIpc()) {
			return this.address.url();
		}
		try {
			InetSocketAddress bound = (InetSocketAddress) this.server.getLocalAddress();
			String host = this.address.host().isEmpty() ? "127.0.0.1" : this.address.host();
			return "tcp://" + host + ":" + bound.getPort();
		}
		catch (IOException ex) {
			return this.address.url();
		}
	}

	/** Stops accepting and removes the ipc socket file. Connections already made stay. */
	public void close() {
		if (this.context.loop().inLoop()) {
			closeInLoop();
		}
		else {
			this.context.loop().execute(this::closeInLoop);
		}
	}

	private void closeInLoop() {
		if (this.key != null) {
			this.key.cancel();
		}
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		if (this.socketFile != null) {
			this.socketFile.delete();
		}
	}

	@Override
	public void ready(SelectionKey key) {
		try {
			SocketChannel channel;
			while ((channel = this.server.accept()) != null) {
				Pipe.open(this.context, channel, this.address.framing(), describe(channel), null);
			}
		}
		catch (IOException ex) {
			logger.warn("nng: accept on {} failed: {}", this.address, ex.getMessage());
		}
	}

	private String describe(SocketChannel channel) {
		String description = "accepted on " + boundUrl();
		if (this.address.isIpc()) {
			return description;
		}
		try {
			return description + " from " + channel.getRemoteAddress();
		}
		catch (IOException ex) {
			return description;
		}
	}

	private void register() {
		try {
			this.key = this.context.loop().register(this.server, SelectionKey.OP_ACCEPT, this);
		}
		catch (IOException ex) {
			logger.warn("nng: cannot accept on {}: {}", this.address, ex.getMessage());
		}
	}

}
