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
package dev.ekuiper.plugin.benchmarks.sdk;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FixedSockets}, in a folder of their own rather than {@code /tmp}.
 */
class FixedSocketsTests {

	@TempDir
	Path sockets;

	@Test
	void secondHoldWaitsUntilTheFirstIsReleased() throws Exception {
		FixedSockets first = FixedSockets.hold(this.sockets, "bench", Duration.ZERO);
		CompletableFuture<FixedSockets> second = CompletableFuture.supplyAsync(() -> {
			try {
				return FixedSockets.hold(this.sockets, "bench", Duration.ofMinutes(1));
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		});
		assertThat(second).isNotDone();
		first.close();
		assertThat(second).succeedsWithin(Duration.ofMinutes(1)).isNotNull();
		second.join().close();
	}

	@Test
	void secondHoldGivesUpAfterItsTimeout() throws Exception {
		FixedSockets first = FixedSockets.hold(this.sockets, "bench", Duration.ZERO);
		assertThat(this.sockets.resolve(".plugin_bench.ipc.lock")).exists();
		assertThatExceptionOfType(FixedSockets.InUseException.class)
			.isThrownBy(() -> FixedSockets.hold(this.sockets, "bench", Duration.ofMillis(300)))
			.withMessageContaining("held by another benchmark run");
		first.close();
		FixedSockets.hold(this.sockets, "bench", Duration.ZERO).close();
	}

	@Test
	void liveListenerThatIgnoresTheLockIsReported() throws Exception {
		Path control = this.sockets.resolve("plugin_bench.ipc");
		try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			listener.bind(UnixDomainSocketAddress.of(control));
			assertThatExceptionOfType(FixedSockets.InUseException.class)
				.isThrownBy(() -> FixedSockets.hold(this.sockets, "bench", Duration.ZERO))
				.withMessageContaining("a live listener answers on " + control);
		}
		// The failed attempt released the lock, and the listener's file is now stale.
		FixedSockets.hold(this.sockets, "bench", Duration.ZERO).close();
	}

	@Test
	void socketFileOfADeadListenerDoesNotCount() throws Exception {
		Path control = this.sockets.resolve("plugin_bench.ipc");
		try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			listener.bind(UnixDomainSocketAddress.of(control));
		}
		assertThat(control).exists();
		FixedSockets.hold(this.sockets, "bench", Duration.ZERO).close();
	}

}
