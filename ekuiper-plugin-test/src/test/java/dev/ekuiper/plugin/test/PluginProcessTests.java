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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for launching plugin processes with {@link EmbeddedHost#launch}.
 */
class PluginProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@TempDir
	Path sockets;

	@TempDir
	Path pluginFolder;

	private EmbeddedHost host;

	private FakePlugin plugin;

	@AfterEach
	void closeAll() throws Exception {
		if (this.plugin != null) {
			this.plugin.close();
		}
		if (this.host != null) {
			this.host.close();
		}
	}

	@Test
	void goPluginIsExecutedWithTheSingleArgumentInItsOwnFolderAndItsOutputIsKept() throws Exception {
		Path executable = script("""
				#!/bin/sh
				printf '%s\\n' "$#" "$1" "$(pwd)" > launched.txt
				echo "plugin says hello"
				echo "plugin complains" >&2
				exec sleep 60
				""");
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> "ok");
		PluginProcess process = this.host.launch(PluginCommand.go(executable));
		await().atMost(WAIT)
			.until(process::output, (lines) -> lines.containsAll(List.of("plugin says hello", "plugin complains")));
		assertThat(this.pluginFolder.resolve("launched.txt"))
			.hasContent(String.join("\n", "1", "{\"sendTimeout\":1000}", this.pluginFolder.toRealPath().toString()));
		assertThat(process.isAlive()).isTrue();
		assertThat(this.host.status()).isEqualTo("running");
	}

	@Test
	void killSendsSigkillAndTheExitSetsTheErrorStatus() throws Exception {
		Path executable = script("#!/bin/sh\nexec sleep 60\n");
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> "ok");
		PluginProcess process = this.host.launch(PluginCommand.go(executable));
		process.kill();
		assertThat(process.awaitExit(WAIT)).isEqualTo(OptionalInt.of(128 + 9));
		await().atMost(WAIT).until(this.host::status, "error"::equals);
		assertThat(this.host.statusMessage()).isEqualTo("exit status 137");
	}

	@Test
	void terminateSendsSigterm() throws Exception {
		Path executable = script("#!/bin/sh\nexec sleep 60\n");
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> "ok");
		PluginProcess process = this.host.launch(PluginCommand.go(executable));
		process.terminate();
		assertThat(process.awaitExit(WAIT)).isEqualTo(OptionalInt.of(128 + 15));
		assertThat(process.exitCode()).isEqualTo(OptionalInt.of(128 + 15));
	}

	@Test
	void pluginThatNeverHandshakesIsKilledAfterTheInitTimeout() throws Exception {
		Path executable = script("#!/bin/sh\necho $$ > pid.txt\nexec sleep 60\n");
		this.host = EmbeddedHost.builder("fake")
			.socketDirectory(this.sockets)
			.initTimeout(Duration.ofSeconds(1))
			.build();
		assertThatExceptionOfType(HostTimeoutException.class)
			.isThrownBy(() -> this.host.launch(PluginCommand.go(executable)))
			.withMessageStartingWith("plugin fake control handshake error:");
		Path pidFile = this.pluginFolder.resolve("pid.txt");
		await().atMost(WAIT).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
		long pid = Long.parseLong(Files.readString(pidFile).trim());
		await().atMost(WAIT)
			.until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), (alive) -> !alive);
		assertThat(this.host.status()).isEqualTo("error");
	}

	@Test
	void executableThatCannotBeStartedFailsTheLaunch() {
		this.host = EmbeddedHost.builder("fake").socketDirectory(this.sockets).build();
		assertThatExceptionOfType(HostException.class)
			.isThrownBy(() -> this.host.launch(PluginCommand.go(this.pluginFolder.resolve("missing"))))
			.withMessageContaining("stops with error");
	}

	private Path script(String text) throws Exception {
		Path executable = this.pluginFolder.resolve("plugin.sh");
		Files.writeString(executable, text);
		Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
		return executable;
	}

}
