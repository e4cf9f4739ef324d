package dev.ekuiper.plugin.nng.interop;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.ekuiper.plugin.nng.ReqSocket;
import dev.ekuiper.plugin.nng.interop.Transport.Endpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.ekuiper.plugin.nng.interop.Bytes.assertSameBytes;
import static org.awaitility.Awaitility.await;

/**
 * Our sockets against {@code nngcat}, the command-line peer of libnng. Payloads go through
 * files ({@code --file}) and come back in nngcat's {@code --hex} format, one quoted line
 * per message.
 */
class NngcatInteropTest extends PeerInteropTests {

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void ourReqSendsItsOutstandingRequestAgainWhenTheirRepIsRestarted(Transport transport) throws Exception {
		ReqSocket req = open(new ReqSocket());
		Endpoint endpoint = transport.endpoint(this.folder, "resend");
		byte[] request = text("unanswered");
		PeerProcess silent = start("rep", List.of("--rep0", "--listen", endpoint.url(), "--hex"), endpoint);
		dial(req, endpoint, silent);
		req.send(request);
		assertSameBytes(awaitMessage(silent), request, "request at " + silent);
		silent.kill();
		await().atMost(WAIT).until(() -> req.pipeCount() == 0);
		PeerProcess answering = start("rep", rep(Side.LISTEN, endpoint, request, 1), endpoint);
		assertSameBytes(awaitMessage(answering), request, "request sent again to " + answering);
		assertSameBytes(req.receive(), replyOf(request), "reply from " + answering);
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
