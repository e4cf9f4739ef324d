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
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

import dev.ekuiper.plugin.nng.NngAddressException;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.nng.RepSocket;
import dev.ekuiper.plugin.nng.ReqSocket;
import dev.ekuiper.plugin.nng.SocketTestSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Dialer}: connecting once a listener appears, reconnecting after the
 * listener goes away and comes back, and re-sending an outstanding request.
 */
@Timeout(30)
class ReconnectTests extends SocketTestSupport {

	private static final Duration RECONNECT_MIN = Duration.ofMillis(20);

	private static final Duration RECONNECT_MAX = Duration.ofMillis(100);

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void dialerStartedBeforeTheListenerConnectsOnceItAppears(String transport) throws Exception {
		String url = unusedUrl(transport);
		PushSocket push = push();
		push.dialAsync(url);
		await().during(Duration.ofMillis(300)).atMost(LONG).until(() -> push.pipeCount() == 0);
		PullSocket pull = pull();
		pull.listen(url);
		await().atMost(LONG).until(() -> push.pipeCount() == 1);
		push.send("hello".getBytes());
		assertThat(pull.receive()).isEqualTo("hello".getBytes());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void listenerClosedAndRestartedOnTheSameAddressIsRedialed(String transport) throws Exception {
		PullSocket first = pull();
		String url = first.listen(unusedUrl(transport));
		PushSocket push = push();
		push.dial(url);
		push.send("one".getBytes());
		assertThat(first.receive()).isEqualTo("one".getBytes());
		first.close();
		await().atMost(LONG).until(() -> push.pipeCount() == 0);
		PullSocket second = pull();
		second.listen(url);
		await().atMost(LONG).until(() -> push.pipeCount() == 1);
		push.send("two".getBytes());
		assertThat(second.receive()).isEqualTo("two".getBytes());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void outstandingRequestIsResentOnTheNextConnection(String transport) throws Exception {
		RepSocket first = rep();
		String url = first.listen(unusedUrl(transport));
		ReqSocket req = track(new ReqSocket());
		req.setReconnect(RECONNECT_MIN, RECONNECT_MAX);
		req.setReceiveTimeout(LONG);
		req.setSendTimeout(LONG);
		req.dial(url);
		req.send("are you there".getBytes());
		assertThat(first.receive()).isEqualTo("are you there".getBytes());
		first.close();
		RepSocket second = rep();
		second.listen(url);
		assertThat(second.receive()).isEqualTo("are you there".getBytes());
		second.send("yes".getBytes());
		assertThat(req.receive()).isEqualTo("yes".getBytes());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ipc", "tcp" })
	void synchronousDialWithNothingListeningFailsNamingTheAddress(String transport) throws Exception {
		String url = unusedUrl(transport);
		PushSocket push = push();
		assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> push.dial(url))
			.withMessageContaining(url);
		assertThat(push.pipeCount()).isZero();
	}

	private String unusedUrl(String transport) throws Exception {
		if (transport.equals("ipc")) {
			return listenUrl(transport);
		}
		try (ServerSocketChannel probe = ServerSocketChannel.open()) {
			probe.bind(new InetSocketAddress("127.0.0.1", 0));
			return "tcp://127.0.0.1:" + ((InetSocketAddress) probe.getLocalAddress()).getPort();
		}
	}

	@Override
	protected PushSocket push() {
		PushSocket push = super.push();
		push.setReconnect(RECONNECT_MIN, RECONNECT_MAX);
		return push;
	}

}
