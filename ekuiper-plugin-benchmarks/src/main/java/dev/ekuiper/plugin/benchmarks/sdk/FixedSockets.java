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

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive hold on the socket names that a plugin built with an official SDK uses.
 * The Python and Go SDKs hard-code {@code /tmp} and name the control socket after the
 * plugin ({@code plugin_bench.ipc}) and the function socket after the symbol
 * ({@code func_bench_echo.ipc}), so two benchmark runs on one machine (a second build, a
 * second {@code sdk-bench.sh}) would fight over them. Every run takes an exclusive lock
 * on {@code .plugin_<name>.ipc.lock} beside the control socket, waiting while another run
 * holds it, and then checks that no live listener answers on the control socket: one that
 * does ignores the lock (a real eKuiper with a plugin of that name, or a build that
 * predates the lock), and the run gives up with {@link InUseException} rather than wait
 * for it.
 */
final class FixedSockets implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(100);

	private final FileChannel channel;

	private final FileLock lock;

	private FixedSockets(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Takes the lock for one plugin's sockets, waiting up to {@code timeout} for another
	 * run to release it.
	 * @param directory the socket folder
	 * @param pluginName the plugin name
	 * @param timeout how long to wait for another run
	 * @return the hold, to be closed when the plugin and its host are gone
	 * @throws InUseException if another run holds the lock for longer, or a live listener
	 * that ignores the lock answers on the control socket
	 * @throws IOException if the lock file cannot be opened
	 * @throws InterruptedException if interrupted while waiting
	 */
	static FixedSockets hold(Path directory, String pluginName, Duration timeout)
			throws IOException, InterruptedException {
		Path control = directory.resolve("plugin_" + pluginName + ".ipc");
		Path lockFile = directory.resolve("." + control.getFileName() + ".lock");
		FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		try {
			long deadline = System.nanoTime() + timeout.toNanos();
			FileLock lock;
			while ((lock = tryLock(channel)) == null) {
				if (System.nanoTime() - deadline > 0) {
					throw new InUseException(
							lockFile + " is held by another benchmark run for more than " + timeout.toSeconds() + " s");
				}
				Thread.sleep(POLL.toMillis());
			}
			if (isListening(control)) {
				lock.release();
				throw new InUseException("a live listener answers on " + control + " without holding " + lockFile
						+ " (an eKuiper with a plugin named " + pluginName + ", or another build of this benchmark)");
			}
			return new FixedSockets(channel, lock);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/** Returns the lock, or {@code null} while another process or thread holds it. */
	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	private static boolean isListening(Path socket) throws IOException {
		if (!Files.exists(socket)) {
			return false;
		}
		try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
			return probe.isConnected();
		}
		catch (ConnectException ex) {
			return false;
		}
	}

	/** Releases the lock. */
	@Override
	public void close() throws IOException {
		try {
			this.lock.release();
		}
		finally {
			this.channel.close();
		}
	}

	/** The fixed sockets are held by someone else. */
	static final class InUseException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		InUseException(String message) {
			super(message);
		}

	}

}
