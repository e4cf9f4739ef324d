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
package dev.ekuiper.plugin.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import dev.ekuiper.plugin.nng.NngTimeoutException;
import dev.ekuiper.plugin.nng.RepSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The control channel's handshake, seen by a bare REP standing in for eKuiper: sent once
 * per connection, never on an idle timer. eKuiper's REP keeps a dead connection's last
 * request, so an idle re-handshake would be taken for the next process's handshake.
 */
class ControlHandshakeTests {

	private static final Duration KEEP_ALIVE = Duration.ofMillis(300);

	@TempDir
	Path sockets;

	@Test
	void idleControlChannelSendsNoFurtherHandshake() throws Exception {
		try (RepSocket control = new RepSocket(); PluginRuntime runtime = runtime()) {
			control.setReceiveTimeout(Duration.ofSeconds(5));
			control.listen("ipc://" + this.sockets.resolve("plugin_probes.ipc"));
			runtime.start();
			assertThat(new String(control.receive(), StandardCharsets.UTF_8)).isEqualTo("handshake");
			control.setReceiveTimeout(KEEP_ALIVE.multipliedBy(5));
			assertThatExceptionOfType(NngTimeoutException.class).isThrownBy(control::receive);
		}
	}

	@Test
	void controlChannelHandshakesAgainWhenTheHostComesBack() throws Exception {
		String url = "ipc://" + this.sockets.resolve("plugin_probes.ipc");
		try (PluginRuntime runtime = runtime()) {
			try (RepSocket first = new RepSocket()) {
				first.setReceiveTimeout(Duration.ofSeconds(5));
				first.listen(url);
				runtime.start();
				assertThat(new String(first.receive(), StandardCharsets.UTF_8)).isEqualTo("handshake");
			}
			try (RepSocket second = new RepSocket()) {
				second.setReceiveTimeout(Duration.ofSeconds(5));
				second.listen(url);
				assertThat(new String(second.receive(), StandardCharsets.UTF_8)).isEqualTo("handshake");
			}
		}
	}

	private PluginRuntime runtime() {
		RuntimeSettings settings = RuntimeSettings.defaults()
			.withSocketDirectory(this.sockets)
			.withKeepAlive(KEEP_ALIVE)
			.withHostLossTimeout(Duration.ofMinutes(1));
		return new PluginRuntime(new Probes().definition("probes"), settings, RuntimeObserver.NONE);
	}

}
