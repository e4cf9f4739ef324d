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
package dev.ekuiper.plugin.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.nng.RepSocket;
import dev.ekuiper.plugin.nng.ReqSocket;

/**
 * What the two child processes of one configuration do, mirroring nngbench: the
 * <em>measurer</em> listens, says {@code ready <address>} on stdout, times the messages
 * and prints {@code result <secs> <count> <p50> <p99> <p999> <alloc/msg>}; the
 * <em>peer</em> dials, echoes or sends until the measurer is gone, and prints
 * {@code peer <alloc/msg> <messages>}. Every wait is a blocking call; nothing spins.
 */
final class Roles {

	/** Latencies are taken and reported as nngbench does: nearest rank, microseconds. */
	record Result(double secs, long count, double p50, double p99, double p999, double allocPerMessage) {
	}

	private final Settings settings;

	private final PrintStream out;

	Roles(Settings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	// ------------------------------------------------------------ measurers

	Result measure(Kind kind, int size) throws Exception {
		return switch (kind) {
			case REQREP -> reqrepMeasure(size);
			case PUSHPULL -> pushpullMeasure(size);
			case RAWPP -> rawPingPongMeasure(size);
			case RAWSTREAM -> rawStreamMeasure(size);
			case RAWHANDOFF -> handoffMeasure(size);
		};
	}

	void peer(Kind kind, String address, int size) throws Exception {
		switch (kind) {
			case REQREP -> reqrepPeer(address);
			case PUSHPULL -> pushpullPeer(address, size);
			case RAWPP -> rawPingPongPeer(address);
			case RAWSTREAM -> rawStreamPeer(address, size);
			case RAWHANDOFF -> handoffPeer(address);
		}
	}

	/** REQ client: warm-up, then N timed round trips; a 0-byte request stops the peer. */
	private Result reqrepMeasure(int size) throws Exception {
		byte[] buf = payload(size);
		int n = this.settings.roundTrips();
		long[] latencies = new long[n];
		try (ReqSocket socket = new ReqSocket()) {
			socket.setReceiveTimeout(Duration.ofSeconds(10));
			socket.setSendTimeout(Duration.ofSeconds(10));
			String url = socket.listen(nngListenUrl());
			ready(url);
			long t0 = 0;
			long alloc0 = 0;
			for (int i = -this.settings.warmup(); i < n; i++) {
				if (i == 0) {
					alloc0 = Allocation.allThreads();
				}
				long start = System.nanoTime();
				if (i == 0) {
					t0 = start;
				}
				socket.send(buf);
				byte[] reply = socket.receive();
				long end = System.nanoTime();
				if (reply.length != size) {
					throw new IllegalStateException("reqrep: got " + reply.length + " bytes, want " + size);
				}
				if (i >= 0) {
					latencies[i] = end - start;
				}
			}
			long t1 = System.nanoTime();
			long alloc1 = Allocation.allThreads();
			Result result = latencyResult(latencies, t0, t1, Allocation.perMessage(alloc0, alloc1, n));
			socket.send(new byte[0]); // stop sentinel
			Thread.sleep(50); // let it reach the peer
			return result;
		}
		finally {
			cleanUpIpc();
		}
	}

	/**
	 * REP echo: receive, send the same bytes back, until a 0-byte request or an error.
	 */
	private void reqrepPeer(String url) {
		long alloc0 = -1;
		long count = 0;
		long alloc1;
		try (RepSocket socket = new RepSocket()) {
			try {
				socket.dial(url);
				while (true) {
					byte[] request = socket.receive();
					if (request.length == 0) {
						break;
					}
					socket.send(request);
					if (++count == this.settings.warmup()) {
						alloc0 = Allocation.allThreads();
					}
				}
			}
			catch (NngException ex) {
				// The measurer is gone.
			}
			alloc1 = Allocation.allThreads(); // before close ends the socket's thread
		}
		peerDone(alloc0, alloc1, count - this.settings.warmup());
	}

	/** PULL receiver: warm-up messages, then count for the timed window. */
	private Result pushpullMeasure(int size) throws Exception {
		try (PullSocket socket = new PullSocket()) {
			socket.setReceiveTimeout(Duration.ofSeconds(10));
			String url = socket.listen(nngListenUrl());
			ready(url);
			for (int i = 0; i < this.settings.warmup(); i++) {
				socket.receive();
			}
			long alloc0 = Allocation.allThreads();
			long limit = this.settings.streamNanos();
			long t0 = System.nanoTime();
			long t1 = t0;
			long count = 0;
			while (t1 - t0 < limit) {
				byte[] message = socket.receive();
				if (message.length != size) {
					throw new IllegalStateException("pushpull: got " + message.length + " bytes, want " + size);
				}
				count++;
				t1 = System.nanoTime();
			}
			long alloc1 = Allocation.allThreads();
			return new Result((t1 - t0) / 1e9, count, 0, 0, 0, Allocation.perMessage(alloc0, alloc1, count));
		}
		finally {
			cleanUpIpc();
		}
	}

	/**
	 * PUSH sender: one send per message, as fast as flow control allows, until the
	 * receiver is gone.
	 */
	private void pushpullPeer(String url, int size) {
		byte[] buf = payload(size);
		long alloc0 = -1;
		long count = 0;
		long alloc1;
		try (PushSocket socket = new PushSocket()) {
			try {
				socket.setSendTimeout(Duration.ofMillis(500));
				socket.dial(url);
				while (true) {
					socket.send(buf);
					if (++count == this.settings.warmup()) {
						alloc0 = Allocation.allThreads();
					}
				}
			}
			catch (NngException ex) {
				// The receiver closed: the send timed out.
			}
			alloc1 = Allocation.allThreads(); // before close ends the socket's thread
		}
		peerDone(alloc0, alloc1, count - this.settings.warmup());
	}

	/** Raw ping-pong client: one write per request, then read the echoed frame. */
	private Result rawPingPongMeasure(int size) throws IOException {
		int n = this.settings.roundTrips();
		long[] latencies = new long[n];
		ByteBuffer frame = rawFrame(size);
		try (SocketChannel channel = rawAccept()) {
			FrameReader reader = new FrameReader(channel);
			long t0 = 0;
			long alloc0 = 0;
			for (int i = -this.settings.warmup(); i < n; i++) {
				if (i == 0) {
					alloc0 = Allocation.allThreads();
				}
				long start = System.nanoTime();
				if (i == 0) {
					t0 = start;
				}
				frame.clear();
				writeFully(channel, frame);
				if (reader.next() != size) {
					throw new IOException("echo: short or missing frame");
				}
				long end = System.nanoTime();
				if (i >= 0) {
					latencies[i] = end - start;
				}
			}
			long t1 = System.nanoTime();
			long alloc1 = Allocation.allThreads();
			return latencyResult(latencies, t0, t1, Allocation.perMessage(alloc0, alloc1, n));
		}
	}

	/** Raw echo: writes each frame, prefix included, back in one write. */
	private void rawPingPongPeer(String path) {
		long alloc0 = -1;
		long count = 0;
		try (SocketChannel channel = rawConnect(path)) {
			FrameReader reader = new FrameReader(channel);
			ByteBuffer view = reader.buffer().duplicate();
			int size;
			while ((size = reader.next()) >= 0) {
				view.clear();
				view.position(reader.frameStart()).limit(reader.frameStart() + 8 + size);
				writeFully(channel, view);
				if (++count == this.settings.warmup()) {
					alloc0 = Allocation.allThreads();
				}
			}
		}
		catch (IOException ex) {
			// The measurer closed.
		}
		peerDone(alloc0, Allocation.allThreads(), count - this.settings.warmup());
	}

	/** Raw stream receiver: warm-up frames, then count frames for the timed window. */
	private Result rawStreamMeasure(int size) throws IOException {
		try (SocketChannel channel = rawAccept()) {
			FrameReader reader = new FrameReader(channel);
			for (int i = 0; i < this.settings.warmup(); i++) {
				if (reader.next() < 0) {
					throw new IOException("stream ended during warm-up");
				}
			}
			long alloc0 = Allocation.allThreads();
			long limit = this.settings.streamNanos();
			long t0 = System.nanoTime();
			long t1 = t0;
			long count = 0;
			while (t1 - t0 < limit) {
				if (reader.next() != size) {
					throw new IOException("stream: short or missing frame");
				}
				count++;
				t1 = System.nanoTime();
			}
			long alloc1 = Allocation.allThreads();
			return new Result((t1 - t0) / 1e9, count, 0, 0, 0, Allocation.perMessage(alloc0, alloc1, count));
		}
	}

	/** Raw stream sender: one write per frame until the receiver closes. */
	private void rawStreamPeer(String path, int size) {
		ByteBuffer frame = rawFrame(size);
		long alloc0 = -1;
		long count = 0;
		try (SocketChannel channel = rawConnect(path)) {
			while (true) {
				frame.clear();
				writeFully(channel, frame);
				if (++count == this.settings.warmup()) {
					alloc0 = Allocation.allThreads();
				}
			}
		}
		catch (IOException ex) {
			// The receiver closed (EPIPE).
		}
		peerDone(alloc0, Allocation.allThreads(), count - this.settings.warmup());
	}

	/** Hand-off ping-pong client: writes directly, receives through the reader thread. */
	private Result handoffMeasure(int size) throws IOException, InterruptedException {
		int n = this.settings.roundTrips();
		long[] latencies = new long[n];
		byte[] buf = payload(size);
		try (HandoffChannel channel = new HandoffChannel(rawAccept())) {
			long t0 = 0;
			long alloc0 = 0;
			for (int i = -this.settings.warmup(); i < n; i++) {
				if (i == 0) {
					alloc0 = Allocation.allThreads();
				}
				long start = System.nanoTime();
				if (i == 0) {
					t0 = start;
				}
				channel.send(buf);
				byte[] reply = channel.receive();
				long end = System.nanoTime();
				if (reply == null || reply.length != size) {
					throw new IOException("handoff: short or missing reply");
				}
				if (i >= 0) {
					latencies[i] = end - start;
				}
			}
			long t1 = System.nanoTime();
			long alloc1 = Allocation.allThreads();
			return latencyResult(latencies, t0, t1, Allocation.perMessage(alloc0, alloc1, n));
		}
	}

	/** Hand-off echo: receives through the reader thread, writes the same bytes back. */
	private void handoffPeer(String path) throws InterruptedException {
		long alloc0 = -1;
		long count = 0;
		long alloc1 = -1;
		try (HandoffChannel channel = new HandoffChannel(rawConnect(path))) {
			try {
				byte[] request;
				while ((request = channel.receive()) != null) {
					channel.send(request);
					if (++count == this.settings.warmup()) {
						alloc0 = Allocation.allThreads();
					}
				}
			}
			catch (IOException ex) {
				// The measurer closed.
			}
			alloc1 = Allocation.allThreads(); // before close ends the reader thread
		}
		catch (IOException ex) {
			// could not connect
		}
		peerDone(alloc0, alloc1, count - this.settings.warmup());
	}

	// ------------------------------------------------------------ helpers

	private String nngListenUrl() {
		return this.settings.tcp() ? "tcp://127.0.0.1:0" : "ipc://" + ipcPath();
	}

	private static Path ipcPath() {
		return Path.of("/tmp", "nngbench-java-" + ProcessHandle.current().pid() + ".ipc");
	}

	private static Path rawPath() {
		return Path.of("/tmp", "nngbench-java-raw-" + ProcessHandle.current().pid() + ".sock");
	}

	private void cleanUpIpc() throws IOException {
		if (!this.settings.tcp()) {
			Files.deleteIfExists(ipcPath()); // the socket removes it on close; belt and
												// braces
		}
	}

	private SocketChannel rawAccept() throws IOException {
		Path path = rawPath();
		Files.deleteIfExists(path);
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			server.bind(UnixDomainSocketAddress.of(path), 1);
			ready(path.toString());
			return server.accept();
		}
		finally {
			Files.deleteIfExists(path);
		}
	}

	private static SocketChannel rawConnect(String path) throws IOException {
		return SocketChannel.open(UnixDomainSocketAddress.of(path));
	}

	private static ByteBuffer rawFrame(int size) {
		ByteBuffer frame = ByteBuffer.allocateDirect(8 + size);
		frame.putLong(size);
		while (frame.hasRemaining()) {
			frame.put((byte) 'x');
		}
		return frame;
	}

	private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	private static byte[] payload(int size) {
		byte[] buf = new byte[size];
		Arrays.fill(buf, (byte) 'x');
		return buf;
	}

	private void ready(String address) {
		this.out.println("ready " + address);
		this.out.flush();
	}

	private void peerDone(long alloc0, long alloc1, long messages) {
		this.out.printf(Locale.ROOT, "peer %.1f %d%n", Allocation.perMessage(alloc0, alloc1, messages), messages);
		this.out.flush();
	}

	/** Sorts the samples and takes nearest-rank percentiles, as nngbench does. */
	static Result latencyResult(long[] latencies, long t0, long t1, double allocPerMessage) {
		Arrays.sort(latencies);
		return new Result((t1 - t0) / 1e9, latencies.length, percentileMicros(latencies, 0.50),
				percentileMicros(latencies, 0.99), percentileMicros(latencies, 0.999), allocPerMessage);
	}

	static double percentileMicros(long[] sorted, double q) {
		int rank = (int) Math.ceil(q * sorted.length);
		return sorted[(rank > 0) ? rank - 1 : 0] / 1000.0;
	}

}
