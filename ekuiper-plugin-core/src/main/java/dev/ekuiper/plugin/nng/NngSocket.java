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
package dev.ekuiper.plugin.nng;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import dev.ekuiper.plugin.nng.transport.Address;
import dev.ekuiper.plugin.nng.transport.Dialer;
import dev.ekuiper.plugin.nng.transport.EventLoop;
import dev.ekuiper.plugin.nng.transport.Listener;
import dev.ekuiper.plugin.nng.transport.Pipe;
import dev.ekuiper.plugin.nng.transport.PipeContext;
import dev.ekuiper.plugin.nng.transport.PipeEvents;
import dev.ekuiper.plugin.nng.transport.TransportOptions;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;

/**
 * An SP socket: any number of dialers and listeners on {@code ipc://} and {@code tcp://}
 * addresses, each connection a pipe, and the protocol's send and receive over them.
 * Thread-safe. {@link #close()} ends every connection, removes the socket files of its
 * ipc listeners and stops its thread.
 */
public abstract sealed class NngSocket implements AutoCloseable permits ReqSocket, RepSocket, PushSocket, PullSocket {

	/**
	 * The longest {@code ipc://} path this transport accepts, in bytes: the JDK's limit
	 * for Unix socket paths, one less than libnng's.
	 */
	public static final int MAX_IPC_PATH_BYTES = Address.MAX_IPC_PATH_BYTES;

	private static final AtomicInteger ids = new AtomicInteger();

	private static final long CLOSE_WAIT_MILLIS = 5000;

	private final Protocol protocol;

	private final TransportOptions options = new TransportOptions();

	private final EventLoop loop;

	private final PipeContext context;

	private final List<Dialer> dialers = new ArrayList<>();

	private final List<Listener> listeners = new ArrayList<>();

	/** Guards the pipes and the protocol state of subclasses. */
	final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a pipe comes, goes or becomes writable. */
	final Waiters pipesChanged = new Waiters(this.lock);

	/** Pipes that finished their handshake; guarded by lock. */
	final List<Pipe> pipes = new ArrayList<>();

	private int nextPipe;

	/** The pipe a receiving thread is reading itself, or null; guarded by lock. */
	private Pipe readerPipe;

	private volatile boolean closed;

	private volatile long sendTimeoutNanos = -1;

	private volatile long receiveTimeoutNanos = -1;

	NngSocket(Protocol protocol) {
		this.protocol = protocol;
		this.loop = new EventLoop("nng-" + protocol.name().toLowerCase(Locale.ROOT) + "-" + ids.incrementAndGet());
		this.context = new PipeContext(this.loop, new Events(), protocol.number(), protocol.peerNumber(),
				protocol.receivedHeader(), this.options);
	}

	/**
	 * Returns this socket's protocol.
	 * @return the protocol
	 */
	public Protocol protocol() {
		return this.protocol;
	}

	/**
	 * Listens on an address. For {@code ipc://}, a stale socket file from a dead process
	 * is replaced, a live listener or a non-socket file at the path is refused, and the
	 * new file gets the {@linkplain #setIpcPermissions ipc permissions} before anyone can
	 * connect.
	 * @param url {@code ipc://path} or {@code tcp://host:port} (port 0 picks one)
	 * @return the URL peers can dial, with the chosen port for tcp
	 * @throws NngAddressException if the address is malformed or cannot be bound
	 * @throws NngClosedException if the socket is closed
	 */
	public String listen(String url) throws NngException {
		Address address = parse(url);
		this.lock.lock();
		try {
			checkOpen();
			Listener listener;
			try {
				listener = Listener.bind(this.context, address);
			}
			catch (IOException ex) {
				throw new NngAddressException("cannot listen on " + url + ": " + ex.getMessage(), ex);
			}
			this.listeners.add(listener);
			return listener.boundUrl();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Dials an address, making the first attempt now, and reconnects whenever the
	 * connection is lost.
	 * @param url {@code ipc://path} or {@code tcp://host:port}
	 * @throws NngAddressException if the address is malformed or the first attempt fails
	 * @throws NngClosedException if the socket is closed
	 */
	public void dial(String url) throws NngException {
		Address address = parse(url);
		checkOpen();
		Dialer dialer;
		try {
			dialer = Dialer.connectNow(this.context, address);
		}
		catch (IOException ex) {
			throw new NngAddressException("cannot dial " + url + ": " + ex.getMessage(), ex);
		}
		this.lock.lock();
		try {
			if (this.closed) {
				dialer.close();
				throw new NngClosedException(this.protocol + " socket is closed");
			}
			this.dialers.add(dialer);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Dials an address in the background, retrying until it connects and reconnecting
	 * whenever the connection is lost.
	 * @param url {@code ipc://path} or {@code tcp://host:port}
	 * @throws NngAddressException if the address is malformed
	 * @throws NngClosedException if the socket is closed
	 */
	public void dialAsync(String url) throws NngException {
		Address address = parse(url);
		this.lock.lock();
		try {
			checkOpen();
			this.dialers.add(Dialer.connectLater(this.context, address));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Sets how long a send may wait; negative or {@code null} for no limit (the default).
	 * @param timeout the send timeout
	 */
	public void setSendTimeout(Duration timeout) {
		this.sendTimeoutNanos = toNanos(timeout);
	}

	/**
	 * Sets how long a receive may wait; negative or {@code null} for no limit (the
	 * default).
	 * @param timeout the receive timeout
	 */
	public void setReceiveTimeout(Duration timeout) {
		this.receiveTimeoutNanos = toNanos(timeout);
	}

	/**
	 * Sets the largest message accepted from a peer (protocol header included); a peer
	 * that sends more loses its connection. Applies to connections made afterwards.
	 * @param bytes the limit; 0 for none. Default 16 MiB.
	 */
	public void setMaxReceiveSize(long bytes) {
		this.options.maxReceiveSize(bytes);
	}

	/**
	 * Sets the dialers' back-off: from {@code min}, doubling after each failure, up to
	 * {@code max}. Default 100 ms to 5 s, as eKuiper's peers use.
	 * @param min first wait
	 * @param max longest wait
	 */
	public void setReconnect(Duration min, Duration max) {
		this.options.reconnect(min, max);
	}

	/**
	 * Sets the permissions of socket files made by later ipc listeners.
	 * @param permissions in {@code ls} form; default {@code rw-------}
	 */
	public void setIpcPermissions(String permissions) {
		this.options.ipcPermissions(permissions);
	}

	/**
	 * Returns the connection settings, for the less common options.
	 * @return the transport options of this socket
	 */
	public TransportOptions transportOptions() {
		return this.options;
	}

	/**
	 * Returns how many connections have finished their handshake and are open.
	 * @return the number of live pipes
	 */
	public int pipeCount() {
		this.lock.lock();
		try {
			return this.pipes.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns whether {@link #close()} was called.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Closes every connection, dialer and listener, removes ipc socket files, wakes
	 * blocked callers with {@link NngClosedException} and stops the socket's thread.
	 * Idempotent.
	 */
	@Override
	public void close() {
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.pipesChanged.signalAll();
			if (this.readerPipe != null) {
				this.readerPipe.wakeReader();
			}
			onClose();
		}
		finally {
			this.lock.unlock();
		}
		this.loop.shutdown(this::closeInLoop, CLOSE_WAIT_MILLIS);
	}

	@Override
	public String toString() {
		return this.protocol + (this.listeners.isEmpty() ? "" : " listening") + " pipes=" + pipeCount();
	}

	/**
	 * Returns whether a receiving thread may read this pipe itself rather than wait for
	 * the loop thread. Yes by default: it saves a thread hand-off per message.
	 */
	boolean readsOnCaller(Pipe pipe) {
		return true;
	}

	/** Called on the loop thread, unlocked, for every frame. */
	abstract boolean onFrame(Pipe pipe, FrameDecoder frame);

	/** Called with the lock held when a pipe arrives. */
	void onPipeAdded(Pipe pipe) {
	}

	/** Called with the lock held after a pipe left. */
	void onPipeRemoved(Pipe pipe) {
	}

	/** Called with the lock held when the socket closes; wake waiters. */
	void onClose() {
	}

	long sendDeadline() {
		return deadline(this.sendTimeoutNanos);
	}

	long receiveDeadline() {
		return deadline(this.receiveTimeoutNanos);
	}

	/** Throws if closed; call with the lock held or not. */
	void checkOpen() throws NngClosedException {
		if (this.closed) {
			throw new NngClosedException(this.protocol + " socket is closed");
		}
	}

	/**
	 * Waits, with {@link #lock} held, until signalled or the deadline passes.
	 * @return {@code false} if the deadline had passed
	 */
	boolean await(Waiters waiters, long deadline) throws NngException {
		try {
			return waiters.await(deadline);
		}
		catch (InterruptedException ex) {
			throw interrupted("waiting", ex);
		}
	}

	/**
	 * Waits, with {@link #lock} held, for a frame to arrive. With exactly one pipe that
	 * {@linkplain #readsOnCaller may be read} by the caller and no other thread reading,
	 * this thread reads the pipe itself, so the frame needs no hand-off from the loop
	 * thread; otherwise it waits for the loop to deliver. Either way it may return early;
	 * callers re-check their state in a loop.
	 * @return {@code false} if the deadline had passed
	 */
	boolean awaitFrame(Waiters waiters, long deadline) throws NngException {
		if (this.readerPipe != null) {
			return await(waiters, deadline);
		}
		if (this.pipes.size() == 1 && readsOnCaller(this.pipes.get(0))) {
			return readOnCaller(this.pipes.get(0), waiters, deadline);
		}
		for (Pipe pipe : this.pipes) {
			if (pipe.isReadByCaller()) {
				// Read by an earlier receive while it was the only pipe: the loop must
				// read
				// it now, as no thread can wait on several pipes.
				this.lock.unlock();
				try {
					pipe.returnToLoop();
				}
				finally {
					this.lock.lock();
				}
				return true;
			}
		}
		return await(waiters, deadline);
	}

	private boolean readOnCaller(Pipe pipe, Waiters waiters, long deadline) throws NngException {
		this.readerPipe = pipe;
		long since = pipe.framesDelivered();
		this.lock.unlock();
		try {
			return pipe.readOnCaller(since, deadline);
		}
		catch (InterruptedException ex) {
			throw interrupted("waiting", ex);
		}
		finally {
			this.lock.lock();
			this.readerPipe = null;
			// Another receiver waiting meanwhile may read now.
			waiters.signalAll();
		}
	}

	/**
	 * Sends one frame on the next pipe that can take it, in turn, waiting for one up to
	 * the send deadline. Call without the lock held.
	 * @return the pipe it went on
	 */
	Pipe sendToAnyPipe(int[] words, int wordCount, byte[] body) throws NngException {
		long deadline = sendDeadline();
		while (true) {
			Pipe pipe = awaitWritablePipe(deadline);
			try {
				if (pipe.send(words, wordCount, body, deadline)) {
					checkNotClosedDuring(pipe);
					return pipe;
				}
				throw timeout("send", this.sendTimeoutNanos, "the peer is not reading");
			}
			catch (ClosedChannelException ex) {
				// That pipe just died; try the next one.
			}
			catch (InterruptedException ex) {
				throw interrupted("sending", ex);
			}
		}
	}

	/** Throws if closing the socket is what cut a send on {@code pipe} short. */
	void checkNotClosedDuring(Pipe pipe) throws NngClosedException {
		if (pipe.isClosed()) {
			checkOpen();
		}
	}

	/** Keeps the thread's interrupt flag set and says what the interrupt cut short. */
	static NngException interrupted(String doing, InterruptedException ex) {
		Thread.currentThread().interrupt();
		return new NngException("interrupted while " + doing, ex);
	}

	NngTimeoutException timeout(String operation, long timeoutNanos, String detail) {
		return new NngTimeoutException(this.protocol + " " + operation + " timed out after "
				+ TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms: " + detail);
	}

	long sendTimeoutNanos() {
		return this.sendTimeoutNanos;
	}

	long receiveTimeoutNanos() {
		return this.receiveTimeoutNanos;
	}

	void execute(Runnable task) {
		this.loop.execute(task);
	}

	/** Runs a task on the loop thread after a delay; any thread. */
	void schedule(long delayNanos, Runnable task) {
		this.loop.execute(() -> this.loop.schedule(delayNanos, task));
	}

	private Pipe awaitWritablePipe(long deadline) throws NngException {
		this.lock.lock();
		try {
			while (true) {
				checkOpen();
				int count = this.pipes.size();
				for (int i = 0; i < count; i++) {
					Pipe pipe = this.pipes.get((this.nextPipe + i) % count);
					if (!pipe.isBusy() && !pipe.isClosed()) {
						this.nextPipe = (this.nextPipe + i + 1) % count;
						return pipe;
					}
				}
				if (!await(this.pipesChanged, deadline)) {
					throw timeout("send", this.sendTimeoutNanos,
							count == 0 ? "no peer connected" : "no peer ready to take a message");
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void closeInLoop() {
		for (Dialer dialer : this.dialers) {
			dialer.close();
		}
		for (Listener listener : this.listeners) {
			listener.close();
		}
		List<Pipe> open;
		this.lock.lock();
		try {
			open = new ArrayList<>(this.pipes);
		}
		finally {
			this.lock.unlock();
		}
		for (Pipe pipe : open) {
			pipe.close("socket closed");
		}
	}

	private static Address parse(String url) throws NngAddressException {
		try {
			return Address.parse(url);
		}
		catch (IllegalArgumentException ex) {
			throw new NngAddressException(ex.getMessage(), ex);
		}
	}

	private static long deadline(long timeoutNanos) {
		if (timeoutNanos < 0) {
			return Long.MAX_VALUE;
		}
		long deadline = System.nanoTime() + timeoutNanos;
		return (deadline == Long.MAX_VALUE) ? deadline - 1 : deadline;
	}

	private static long toNanos(Duration timeout) {
		return (timeout == null || timeout.isNegative()) ? -1 : timeout.toNanos();
	}

	private final class Events implements PipeEvents {

		@Override
		public void pipeAdded(Pipe pipe) {
			NngSocket.this.lock.lock();
			try {
				if (NngSocket.this.closed) {
					pipe.close("socket closed");
					return;
				}
				NngSocket.this.pipes.add(pipe);
				if (NngSocket.this.readerPipe != null) {
					// Its reader waits on one pipe only: make it wait for both.
					NngSocket.this.readerPipe.wakeReader();
				}
				onPipeAdded(pipe);
				NngSocket.this.pipesChanged.signalAll();
			}
			finally {
				NngSocket.this.lock.unlock();
			}
		}

		@Override
		public void pipeRemoved(Pipe pipe) {
			NngSocket.this.lock.lock();
			try {
				NngSocket.this.pipes.remove(pipe);
				onPipeRemoved(pipe);
				NngSocket.this.pipesChanged.signalAll();
			}
			finally {
				NngSocket.this.lock.unlock();
			}
		}

		@Override
		public void pipeWritable(Pipe pipe) {
			NngSocket.this.lock.lock();
			try {
				NngSocket.this.pipesChanged.signalAll();
			}
			finally {
				NngSocket.this.lock.unlock();
			}
		}

		@Override
		public boolean frameReceived(Pipe pipe, FrameDecoder frame) {
			return onFrame(pipe, frame);
		}

	}

}
