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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.ekuiper.plugin.nng.interop.Transport.Endpoint;

import static dev.ekuiper.plugin.nng.interop.Waits.WAIT;

/**
 * Our sockets against {@code mangospeer}, a peer built on mangos v3, the SP library
 * eKuiper uses. It prints {@code ready} once listening or dialing, and {@code recv <hex>}
 * for each message; its REP echoes each request.
 */
class MangosInteropTests extends PeerInteropTests {

	/** How long their PUSH keeps its socket open after the last send. */
	private static final Duration LINGER = Duration.ofSeconds(3);

	@Override
	List<String> pull(Side side, Endpoint endpoint, int count) {
		List<String> arguments = socket("--pull0", side, endpoint);
		count(arguments, count);
		return arguments;
	}

	@Override
	List<String> push(Side side, Endpoint endpoint, byte[] body, int count) {
		List<String> arguments = socket("--push0", side, endpoint);
		data(arguments, body);
		count(arguments, count);
		if (count == 0) {
			arguments.addAll(List.of("--interval", "100"));
		}
		arguments.addAll(List.of("--linger", Long.toString(LINGER.toMillis())));
		return arguments;
	}

	/**
	 * mangospeer's REP closes its socket right after its last reply, which can drop that
	 * reply before it is written, so it answers until killed whatever the count.
	 */
	@Override
	List<String> rep(Side side, Endpoint endpoint, byte[] request, int count) {
		List<String> arguments = socket("--rep0", side, endpoint);
		arguments.add("--rep-echo");
		count(arguments, 0);
		return arguments;
	}

	@Override
	byte[] replyOf(byte[] request) {
		return request.clone();
	}

	@Override
	List<String> req(Side side, Endpoint endpoint, byte[] body, int count) {
		List<String> arguments = socket("--req0", side, endpoint);
		data(arguments, body);
		count(arguments, count);
		return arguments;
	}

	@Override
	byte[] message(String line) {
		return line.startsWith("recv ") ? Bytes.fromHex(line.substring(5)) : null;
	}

	@Override
	Path executable() {
		return Peers.mangospeer();
	}

	@Override
	String peerName() {
		return "mangospeer";
	}

	@Override
	boolean awaitReady(PeerProcess peer) {
		String line = peer.awaitLine((text) -> text.equals("ready") || text.startsWith("error "), WAIT);
		if (!line.equals("ready")) {
			throw new AssertionError(peer.describe("failed to start"));
		}
		return true;
	}

	private static List<String> socket(String protocol, Side side, Endpoint endpoint) {
		List<String> arguments = new ArrayList<>();
		arguments.add(protocol);
		arguments.add((side == Side.DIAL) ? "--dial" : "--listen");
		arguments.add(endpoint.url());
		return arguments;
	}

	/**
	 * Large payloads use the pattern mangospeer generates, since an argument is limited.
	 */
	private static void data(List<String> arguments, byte[] body) {
		if (Arrays.equals(body, Bytes.pattern(body.length))) {
			arguments.addAll(List.of("--size", Integer.toString(body.length)));
		}
		else {
			arguments.addAll(List.of("--data-hex", Bytes.toHex(body)));
		}
	}

	private static void count(List<String> arguments, int count) {
		arguments.addAll(List.of("--count", Integer.toString(count)));
	}

}
