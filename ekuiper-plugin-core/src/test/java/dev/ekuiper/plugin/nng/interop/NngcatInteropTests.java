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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.nng.ReqSocket;
import dev.ekuiper.plugin.nng.interop.Transport.Endpoint;
import dev.ekuiper.plugin.nng.transport.Address;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.ekuiper.plugin.nng.interop.Bytes.assertSameBytes;
import static dev.ekuiper.plugin.nng.interop.Waits.awaitUntil;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Our sockets against {@code nngcat}, the command-line peer of libnng. Payloads go
 * through files ({@code --file}) and come back in nngcat's {@code --hex} format, one
 * quoted line per message.
 */
class NngcatInteropTests extends PeerInteropTests {

	@ParameterizedTest(name = "{0}, {1} bytes")
	@MethodSource("transportsAndSizes")
	void ourReqSendsItsOutstandingRequestAgainWhenTheirRepIsRestarted(Transport transport, int size) throws Exception {
		ReqSocket req = open(new ReqSocket());
		Endpoint endpoint = transport.endpoint(this.folder, "resend");
		byte[] request = Bytes.pattern(size);
		PeerProcess silent = start("rep", List.of("--rep0", "--listen", endpoint.url(), "--hex"), endpoint);
		dial(req, endpoint, silent);
		req.send(request);
		assertSameBytes(awaitMessage(silent), request, "request at " + silent);
		silent.kill();
		awaitUntil(() -> req.pipeCount() == 0);
		PeerProcess answering = start("rep", rep(Side.LISTEN, endpoint, request, 1), endpoint);
		assertSameBytes(awaitMessage(answering), request, "request sent again to " + answering);
		assertSameBytes(req.receive(), replyOf(request), "reply from " + answering);
	}

	static Stream<Arguments> transportsAndSizes() {
		return Stream.of(Transport.values())
			.flatMap(
					(transport) -> Stream.of(Arguments.of(transport, 11), Arguments.of(transport, Bytes.OVER_ONE_MIB)));
	}

	@ParameterizedTest(name = "we {0}")
	@EnumSource(Side.class)
	void ipcPathOfTheLongestLengthJavaAllowsWorksBothWays(Side ours) throws Exception {
		String folder = this.folder.toAbsolutePath() + "/";
		int nameLength = Address.MAX_IPC_PATH_BYTES - folder.getBytes(StandardCharsets.UTF_8).length;
		assumeThat(nameLength).as("room for a file name in " + folder).isGreaterThan(8);
		Path file = Path.of(folder + "p".repeat(nameLength));
		Endpoint endpoint = new Endpoint(Transport.IPC, "ipc://" + file, file);
		PushSocket push = open(new PushSocket());
		PeerProcess pull;
		if (ours == Side.LISTEN) {
			push.listen(endpoint.url());
			pull = start("pull", pull(Side.DIAL, endpoint, 1), null);
		}
		else {
			pull = start("pull", pull(Side.LISTEN, endpoint, 1), endpoint);
			dial(push, endpoint, pull);
		}
		push.send(text("long path"));
		assertSameBytes(awaitMessage(pull), text("long path"), "message at " + pull);
	}

	@Override
	List<String> pull(Side side, Endpoint endpoint, int count) {
		List<String> arguments = socket("--pull0", side, endpoint);
		arguments.add("--hex");
		count(arguments, count);
		return arguments;
	}

	@Override
	List<String> push(Side side, Endpoint endpoint, byte[] body, int count) {
		List<String> arguments = socket("--push0", side, endpoint);
		data(arguments, body);
		if (count > 0) {
			count(arguments, count);
		}
		else {
			arguments.addAll(List.of("--interval", "1"));
		}
		return arguments;
	}

	@Override
	List<String> rep(Side side, Endpoint endpoint, byte[] request, int count) {
		List<String> arguments = socket("--rep0", side, endpoint);
		arguments.add("--hex");
		data(arguments, replyOf(request));
		count(arguments, count);
		return arguments;
	}

	@Override
	byte[] replyOf(byte[] request) {
		return Bytes.reply(request);
	}

	/**
	 * nngcat's REQ with {@code --count} and no {@code --interval} sets a negative receive
	 * timeout once a request took a millisecond or more, and exits with "Cannot set recv
	 * timeout", so it sends its one request without {@code --count}.
	 */
	@Override
	List<String> req(Side side, Endpoint endpoint, byte[] body, int count) {
		if (count != 1) {
			throw new IllegalArgumentException("nngcat --req0 --count needs --interval, so only one request is sent");
		}
		List<String> arguments = socket("--req0", side, endpoint);
		arguments.add("--hex");
		data(arguments, body);
		return arguments;
	}

	/** Decodes nngcat's {@code --hex} format: {@code "\x61\x62"}. */
	@Override
	byte[] message(String line) {
		if (line.length() < 2 || line.charAt(0) != '"' || line.charAt(line.length() - 1) != '"') {
			return null;
		}
		if ((line.length() - 2) % 4 != 0) {
			return null;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream((line.length() - 2) / 4);
		for (int i = 1; i < line.length() - 1; i += 4) {
			if (line.charAt(i) != '\\' || line.charAt(i + 1) != 'x') {
				return null;
			}
			bytes.write(Integer.parseInt(line, i + 2, i + 4, 16));
		}
		return bytes.toByteArray();
	}

	@Override
	Path executable() {
		return Peers.nngcat();
	}

	@Override
	String peerName() {
		return "nngcat";
	}

	/** nngcat prints nothing when it starts listening. */
	@Override
	boolean awaitReady(PeerProcess peer) {
		return false;
	}

	private static List<String> socket(String protocol, Side side, Endpoint endpoint) {
		List<String> arguments = new ArrayList<>();
		arguments.add(protocol);
		arguments.add((side == Side.DIAL) ? "--dial" : "--listen");
		arguments.add(endpoint.url());
		return arguments;
	}

	private void data(List<String> arguments, byte[] body) {
		try {
			arguments.addAll(List.of("--file", file("payload", body).toString()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot write the payload file", ex);
		}
	}

	private static void count(List<String> arguments, int count) {
		if (count > 0) {
			arguments.addAll(List.of("--count", Integer.toString(count)));
		}
	}

}
