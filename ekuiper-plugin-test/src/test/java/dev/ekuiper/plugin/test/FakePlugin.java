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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.ekuiper.plugin.nng.NngClosedException;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngSocket;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.nng.ReqSocket;
import tools.jackson.databind.JsonNode;

/**
 * A scripted plugin in the test's own process, built on the project's NNG sockets: it
 * dials the control channel, sends {@code handshake} and answers each command with
 * whatever its handler returns, remembering every command it received.
 */
final class FakePlugin implements AutoCloseable {

	private final Path socketDirectory;

	private final ReqSocket control = new ReqSocket();

	private final List<Command> commands = new CopyOnWriteArrayList<>();

	private final List<NngSocket> sockets = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private FakePlugin(Path socketDirectory, String pluginName, Function<Command, String> handler) throws NngException {
		this.socketDirectory = socketDirectory;
		this.control.dial(url("plugin_" + pluginName));
		this.control.send(bytes("handshake"));
		this.thread = new Thread(() -> serve(handler), "fake-plugin-" + pluginName);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Starts a fake plugin that dials and handshakes at once. */
	static FakePlugin start(Path socketDirectory, String pluginName, Function<Command, String> handler)
			throws NngException {
		return new FakePlugin(socketDirectory, pluginName, handler);
	}

	/** Returns every command received so far, in order. */
	List<Command> commands() {
		return List.copyOf(this.commands);
	}

	/** Returns the {@code ipc://} URL of a socket name in the socket folder. */
	String url(String name) {
		return "ipc://" + socketFile(name);
	}

	/** Returns the socket file of a socket name. */
	Path socketFile(String name) {
		return this.socketDirectory.resolve(name + ".ipc");
	}

	/** Dials the PUSH side of a source, as a plugin does on start. */
	PushSocket dialSource(String socketName) throws NngException {
		PushSocket push = track(new PushSocket());
		push.setSendTimeout(Duration.ofSeconds(5));
		push.dial(url(socketName));
		return push;
	}

	/** Listens on a sink's data socket, as a plugin does on start. */
	PullSocket listenSink(String socketName) throws NngException {
		PullSocket pull = track(new PullSocket());
		pull.setReceiveTimeout(Duration.ofSeconds(5));
		pull.listen(url(socketName));
		return pull;
	}

	/** Dials a sink's ack socket, as a plugin does on start. */
	PushSocket dialAck(String socketName) throws NngException {
		PushSocket push = track(new PushSocket());
		push.setSendTimeout(Duration.ofSeconds(5));
		push.dial(url(socketName + "_ack"));
		return push;
	}

	/**
	 * Dials a function channel, sends {@code handshake} and answers each request with
	 * what the handler returns, on its own thread.
	 */
	void serveFunction(String symbol, Function<JsonNode, String> handler) throws NngException {
		ReqSocket req = track(new ReqSocket());
		req.dial(url("func_" + symbol));
		req.send(bytes("handshake"));
		Thread serving = new Thread(() -> {
			try {
				while (true) {
					JsonNode request = GoJson.MAPPER.readTree(req.receive());
					req.send(bytes(handler.apply(request)));
				}
			}
			catch (NngException ex) {
				// closed
			}
		}, "fake-function-" + symbol);
		serving.setDaemon(true);
		serving.start();
	}

	/** Closes every socket, like a plugin process that dies. */
	@Override
	public void close() {
		this.control.close();
		this.sockets.forEach(NngSocket::close);
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void serve(Function<Command, String> handler) {
		try {
			while (true) {
				Command command = Command.parse(this.control.receive());
				this.commands.add(command);
				this.control.send(bytes(handler.apply(command)));
			}
		}
		catch (NngClosedException ex) {
			// the test closed the plugin
		}
		catch (NngException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private <S extends NngSocket> S track(S socket) {
		this.sockets.add(socket);
		return socket;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A control command as received: its text and, when it is one, the parsed command and
	 * {@code arg}.
	 */
	record Command(String text, String cmd, JsonNode arg) {

		static Command parse(byte[] message) {
			String text = new String(message, StandardCharsets.UTF_8);
			try {
				JsonNode json = GoJson.MAPPER.readTree(text);
				return new Command(text, json.path("cmd").asString(""),
						GoJson.MAPPER.readTree(json.path("arg").asString("")));
			}
			catch (RuntimeException ex) {
				return new Command(text, "", null);
			}
		}

		String symbol() {
			return this.arg.path("symbolName").asString();
		}

		String pluginType() {
			return this.arg.path("pluginType").asString();
		}

		/** Returns {@code <ruleId>_<opId>_<instanceId>} of the meta. */
		String socketName() {
			JsonNode meta = this.arg.path("meta");
			return meta.path("ruleId").asString() + "_" + meta.path("opId").asString() + "_"
					+ meta.path("instanceId").asInt();
		}

	}

}
