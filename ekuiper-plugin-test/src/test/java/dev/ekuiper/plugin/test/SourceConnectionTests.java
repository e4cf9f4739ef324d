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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.PushSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SourceConnection} against a {@link FakePlugin}.
 */
class SourceConnectionTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@TempDir
	Path sockets;

	private EmbeddedHost host;

	private FakePlugin plugin;

	private final List<Boolean> socketFileExistedAtStop = new CopyOnWriteArrayList<>();

	private final List<String> payloads = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startHostAndPlugin() throws Exception {
		this.host = EmbeddedHost.builder("fake")
			.socketDirectory(this.sockets)
			.sourceReceiveTimeout(Duration.ofMillis(100))
			.build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> {
			if ("stop".equals(command.cmd())) {
				this.socketFileExistedAtStop.add(Files.exists(this.plugin.socketFile(command.socketName())));
				return "ok";
			}
			try {
				PushSocket push = this.plugin.dialSource(command.socketName());
				for (String payload : this.payloads) {
					push.send(FakePlugin.bytes(payload));
				}
				return "ok";
			}
			catch (NngException ex) {
				return "cannot dial: " + ex.getMessage();
			}
		});
		this.host.awaitHandshake(WAIT);
	}

	@AfterEach
	void closeAll() throws Exception {
		this.plugin.close();
		this.host.close();
	}

	@Test
	void sourceSocketListensBeforeStartSoThePluginCanDialAtOnce() {
		this.payloads.add("{\"message\":{\"n\":1,\"text\":\"a\"},\"meta\":{\"seq\":1}}");
		SourceConnection source = this.host.startSource("counter", "rule1", "stream1", Map.of());
		SourceTuple tuple = source.next(WAIT);
		assertThat(tuple.isValid()).isTrue();
		assertThat(tuple.message()).containsExactly(Map.entry("n", 1.0), Map.entry("text", "a"));
		assertThat(tuple.meta()).containsExactly(Map.entry("seq", 1.0));
	}

	@Test
	void sharedStreamSourceWithDollarSignsInItsSocketNameWorks() {
		this.payloads.add("{\"message\":{\"n\":1}}");
		SourceConnection source = this.host.startSource("counter", "$$subtopo_demo", "subtopo_demo", Map.of());
		assertThat(this.sockets.resolve("$$subtopo_demo_subtopo_demo_0.ipc")).exists();
		assertThat(source.next(WAIT).message()).containsEntry("n", 1.0);
	}

	@Test
	void payloadsEkuiperCannotDecodeCarryItsErrorText() {
		this.payloads.addAll(List.of("not json", "{\"message\":[1,2]}", "[1]", "{\"message\":{\"a\":1}} x"));
		SourceConnection source = this.host.startSource("counter", "rule1", "stream1", Map.of());
		assertThat(source.next(WAIT).decodeError())
			.startsWith("Invalid data format, cannot decode not json to json format with error ");
		assertThat(source.next(WAIT).decodeError()).isEqualTo("Invalid data format, cannot decode {\"message\":[1,2]} "
				+ "to json format with error json: cannot unmarshal array into Go struct field "
				+ "messageWrapper.message of type map[string]interface {}");
		assertThat(source.next(WAIT).decodeError()).isEqualTo("Invalid data format, cannot decode [1] to json format "
				+ "with error json: cannot unmarshal array into Go value of type runtime.messageWrapper");
		assertThat(source.next(WAIT).isValid()).isFalse();
	}

	@Test
	void objectWithoutMessageIsAnEmptyRowAndNullMetaIsEmpty() {
		this.payloads.addAll(List.of("{\"error\":\"boom\"}", "{\"Message\":{\"a\":true},\"meta\":null}"));
		SourceConnection source = this.host.startSource("counter", "rule1", "stream1", Map.of());
		SourceTuple error = source.next(WAIT);
		assertThat(error.isValid()).isTrue();
		assertThat(error.message()).isEmpty();
		SourceTuple upperCase = source.next(WAIT);
		assertThat(upperCase.message()).containsExactly(Map.entry("a", true));
		assertThat(upperCase.meta()).isEmpty();
	}

	@Test
	void pollReturnsEmptyAndNextFailsWhenNothingArrives() {
		SourceConnection source = this.host.startSource("counter", "rule1", "stream1", Map.of());
		assertThat(source.poll(Duration.ofMillis(250))).isEmpty();
		assertThatExceptionOfType(HostTimeoutException.class).isThrownBy(() -> source.next(Duration.ofMillis(50)));
	}

	@Test
	void stopClosesTheSourceSocketBeforeSendingStop() {
		SourceConnection source = this.host.startSource("counter", "rule1", "stream1", Map.of());
		source.stop();
		assertThat(this.socketFileExistedAtStop).containsExactly(false);
		assertThatExceptionOfType(HostException.class).isThrownBy(() -> source.next(Duration.ofMillis(50)));
	}

	@Test
	void theHostHoldsNothingOfASourceOnceItIsStopped() {
		int before = this.host.openResources();
		for (int i = 0; i < 20; i++) {
			this.host.startSource("counter", "rule1", "stream" + i, Map.of()).stop();
		}
		SourceConnection running = this.host.startSource("counter", "rule1", "running", Map.of());
		assertThat(this.host.openResources()).as("only the running source").isEqualTo(before + 1);
		running.close();
		assertThat(this.host.openResources()).isEqualTo(before);
	}

	@Test
	void streamOptionsGivenInTheConfigStandForTheStreamsOptions() {
		SourceConnection source = this.host.startSource("counter", "rule1", "stream1",
				Map.of("datasource", "topic1", "format", "JSON", "count", 2));
		assertThat(source.config()).containsEntry("datasource", "topic1")
			.containsEntry("format", "json")
			.containsEntry("count", 2)
			.containsEntry("retainSize", 0);
	}

}
