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
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.ekuiper.plugin.nng.NngAddressException;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for ipc listeners and their socket files: stale files, live listeners, holders
 * that never accept, files that are not sockets, path lengths, permissions and removal on
 * close.
 */
@Timeout(30)
class IpcListenerTests {

	private static final Duration LONG = Duration.ofSeconds(5);

	@TempDir
	Path directory;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

	@Test
	void staleSocketFileLeftByADeadListenerIsReplaced() throws Exception {
		Path path = this.directory.resolve("stale.ipc");
		try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			dead.bind(UnixDomainSocketAddress.of(path));
		}
		assertThat(isSocket(path)).as("socket file left behind").isTrue();
		PullSocket pull = pull();
		pull.listen("ipc://" + path);
		assertWorks("ipc://" + path, pull);
	}

	@Test
	void liveListenerOnThePathIsRefusedNamingThePath() throws Exception {
		Path path = this.directory.resolve("live.ipc");
		PullSocket live = pull();
		live.listen("ipc://" + path);
		PullSocket second = pull();
		assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> second.listen("ipc://" + path))
			.withMessageContaining(path.toString());
		assertThat(isSocket(path)).isTrue();
		assertWorks("ipc://" + path, live);
		assertThat(otherFiles(path)).as("temporary files left behind").isEmpty();
	}

	@Test
	void liveListenerOfAnotherKindOnThePathIsRefused() throws Exception {
		Path path = this.directory.resolve("other.ipc");
		try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			other.bind(UnixDomainSocketAddress.of(path));
			PullSocket pull = pull();
			assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> pull.listen("ipc://" + path))
				.withMessageContaining(path.toString());
			assertThat(isSocket(path)).isTrue();
		}
	}

	@Test
	void holderThatNeverAcceptsIsRefusedWithoutWaitingAndKept() throws Exception {
		Path path = this.directory.resolve("hung.ipc");
		try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			hung.bind(UnixDomainSocketAddress.of(path), 1);
			List<SocketChannel> backlog = fillBacklog(path);
			try {
				PullSocket pull = pull();
				assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> pull.listen("ipc://" + path))
					.withMessageContaining(path.toString())
					.withMessageContaining("does not accept");
				assertThat(isSocket(path)).as("held socket file kept").isTrue();
			}
			finally {
				for (SocketChannel channel : backlog) {
					channel.close();
				}
			}
		}
	}

	@Test
	void dialToAListenerThatNeverAcceptsFailsInsteadOfBlocking() throws Exception {
		Path path = this.directory.resolve("full.ipc");
		try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			hung.bind(UnixDomainSocketAddress.of(path), 1);
			List<SocketChannel> backlog = fillBacklog(path);
			try {
				PushSocket push = push();
				assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> push.dial("ipc://" + path))
					.withMessageContaining(path.toString());
			}
			finally {
				for (SocketChannel channel : backlog) {
					channel.close();
				}
			}
		}
	}

	@Test
	void regularFileAtThePathIsRefusedAndKept() throws Exception {
		Path path = this.directory.resolve("data.ipc");
		Files.writeString(path, "precious");
		PullSocket pull = pull();
		assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> pull.listen("ipc://" + path))
			.withMessageContaining(path.toString());
		assertThat(path).hasContent("precious");
		assertThat(otherFiles(path)).as("temporary files left behind").isEmpty();
	}

	@Test
	void directoryAtThePathIsRefusedAndKept() throws Exception {
		Path path = Files.createDirectory(this.directory.resolve("folder.ipc"));
		PullSocket pull = pull();
		assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> pull.listen("ipc://" + path))
			.withMessageContaining(path.toString());
		assertThat(path).isDirectory();
	}

	@ParameterizedTest
	@ValueSource(ints = { 107, 108, 200 })
	void pathOf107BytesOrMoreIsRefusedNamingThePathAndTheJavaLimit(int length) throws Exception {
		Path path = pathOfLength(length, 20);
		String url = "ipc://" + path;
		PullSocket pull = pull();
		assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> pull.listen(url))
			.withMessageContaining(path.toString())
			.withMessageContaining("106 bytes");
		PushSocket push = push();
		assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> push.dial(url))
			.withMessageContaining(path.toString())
			.withMessageContaining("106 bytes");
		assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> push.dialAsync(url))
			.withMessageContaining(path.toString())
			.withMessageContaining("106 bytes");
		assertThat(path).doesNotExist();
	}

	@Test
	void liveListenerOnA106BytePathIsNotDisplaced() throws Exception {
		Path path = pathOfLength(106, 40);
		PullSocket live = pull();
		live.listen("ipc://" + path);
		Object fileKey = fileKey(path);
		PullSocket second = pull();
		assertThatExceptionOfType(NngAddressException.class).isThrownBy(() -> second.listen("ipc://" + path))
			.withMessageContaining(path.toString());
		assertThat(fileKey(path)).as("the live listener's socket file").isEqualTo(fileKey);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 8, 40 })
	void pathOf106BytesWorksWhateverTheLengthOfItsFileName(int fileNameLength) throws Exception {
		Path path = pathOfLength(106, fileNameLength);
		PullSocket pull = pull();
		pull.listen("ipc://" + path);
		assertWorks("ipc://" + path, pull);
	}

	@Test
	void socketFileIsOwnerOnlyByDefault() throws Exception {
		Path path = this.directory.resolve("private.ipc");
		pull().listen("ipc://" + path);
		assertThat(isSocket(path)).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
	}

	@ParameterizedTest
	@ValueSource(strings = { "rw-rw----", "rw-rw-rw-", "rwxr-x---" })
	void socketFileModeFollowsIpcPermissions(String permissions) throws Exception {
		Path path = this.directory.resolve("shared.ipc");
		PullSocket pull = pull();
		pull.setIpcPermissions(permissions);
		pull.listen("ipc://" + path);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo(permissions);
		assertWorks("ipc://" + path, pull);
	}

	@Test
	void socketFileIsRemovedOnClose() throws Exception {
		Path path = this.directory.resolve("gone.ipc");
		PullSocket pull = pull();
		pull.listen("ipc://" + path);
		assertWorks("ipc://" + path, pull);
		assertThat(this.directory).isDirectoryContaining((file) -> file.equals(path));
		pull.close();
		assertThat(path).doesNotExist();
		assertThat(otherFiles(path)).as("temporary files left behind").isEmpty();
	}

	@Test
	void closeLeavesASocketFileThatIsNoLongerItsOwn() throws Exception {
		Path path = this.directory.resolve("taken.ipc");
		PullSocket first = pull();
		first.listen("ipc://" + path);
		Files.delete(path);
		PullSocket second = pull();
		second.listen("ipc://" + path);
		first.close();
		assertThat(isSocket(path)).as("the second listener's file").isTrue();
		assertWorks("ipc://" + path, second);
	}

	private void assertWorks(String url, PullSocket pull) throws Exception {
		PushSocket push = push();
		push.dial(url);
		byte[] message = ("to " + url).getBytes(StandardCharsets.UTF_8);
		push.send(message);
		assertThat(pull.receive()).isEqualTo(message);
	}

	/**
	 * A path of exactly {@code length} bytes ending in a file name of {@code nameLength}
	 * bytes.
	 */
	private Path pathOfLength(int length, int nameLength) throws Exception {
		Path base = this.directory.toAbsolutePath();
		int folderLength = length - base.toString().length() - 2 - nameLength;
		assumeThat(folderLength).as("room under the temporary folder %s", base).isBetween(1, 255);
		Path folder = Files.createDirectories(base.resolve("d".repeat(folderLength)));
		Path path = folder.resolve("f".repeat(nameLength));
		assertThat(path.toString().getBytes(StandardCharsets.UTF_8)).hasSize(length);
		return path;
	}

	/** Connects without blocking until the listener's accept backlog is full. */
	private static List<SocketChannel> fillBacklog(Path path) throws Exception {
		List<SocketChannel> connected = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			channel.configureBlocking(false);
			try {
				channel.connect(UnixDomainSocketAddress.of(path));
				connected.add(channel);
			}
			catch (IOException full) {
				channel.close();
				return connected;
			}
		}
		throw new IllegalStateException("the accept backlog of " + path + " never filled up");
	}

	private List<Path> otherFiles(Path path) throws Exception {
		try (Stream<Path> files = Files.list(path.getParent())) {
			return files.filter((file) -> !file.equals(path)).toList();
		}
	}

	private static Object fileKey(Path path) throws Exception {
		return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
	}

	private static boolean isSocket(Path path) throws Exception {
		return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
	}

	private PushSocket push() {
		PushSocket push = track(new PushSocket());
		push.setSendTimeout(LONG);
		return push;
	}

	private PullSocket pull() {
		PullSocket pull = track(new PullSocket());
		pull.setReceiveTimeout(LONG);
		return pull;
	}

	private <T extends AutoCloseable> T track(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

}
