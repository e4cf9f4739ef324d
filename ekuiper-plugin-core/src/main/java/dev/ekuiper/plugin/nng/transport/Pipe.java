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
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.ekuiper.plugin.nng.wire.ConnectionHeader;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;
import dev.ekuiper.plugin.nng.wire.FrameFormatException;
import dev.ekuiper.plugin.nng.wire.Framing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection between two SP sockets.
 *
 * <p>
 * The loop thread checks the peer's header, then reads, decodes frames and hands them to
 * the socket, pausing when the socket's queue is full. A thread waiting to receive may
 * take the reading over ({@link #readOnCaller}) so a message costs no hand-off between
 * threads; it keeps it while it goes on receiving, and the loop takes it back once the
 * pipe has gone unread for a while, so a lost peer is still noticed. Such a pipe keeps a
 * selector of its own (two file descriptors) until it closes. Sending threads write
 * directly with non-blocking writes, waiting for writability up to their deadline; a
 * frame cut short by the deadline is finished by the loop thread, and the pipe takes no
 * new message until it is.
 *
 * <p>
 * The channel is non-blocking, so interrupting a thread that reads or writes it does not
 * close it; a receiver interrupted while it waits returns at once.
 */
public final class Pipe implements EventLoop.Handler {

	private static final Logger logger = LoggerFactory.getLogger(Pipe.class);

	private static final int BUFFER_SIZE = 64 * 1024;

	/** How long a pipe read by callers may go unread before the loop takes it back. */
	private static final long RECLAIM_NANOS = 100_000_000L;

	private static final Consumer<SelectionKey> IGNORE_KEY = (key) -> {
	};

	private final PipeContext context;

	private final SocketChannel channel;

	private final Framing framing;

	private final String description;

	private final Runnable onClosed;

	private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_SIZE);

	private final FrameDecoder decoder;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final Condition flushed = this.writeLock.newCondition();

	private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_SIZE);

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Held by the thread that reads: the loop or a receiving caller. Guards the read
	 * state.
	 */
	private final ReentrantLock readLock = new ReentrantLock();

	/**
	 * Whether receiving callers read this pipe; the loop's read interest is off
	 * meanwhile.
	 */
	private volatile boolean callerReads;

	/** The callers' selector for this channel; opened on the first caller read. */
	private volatile Selector readSelector;

	/** Set to make a caller blocked in {@link #readOnCaller} return. */
	private volatile boolean wakeRequested;

	/** Caller reads so far, and as the loop last saw them; guarded by readLock. */
	private long callerReadCount;

	private long callerReadCountSeen;

	/** Frames handed to the socket so far; written with readLock held. */
	private volatile long delivered;

	private SelectionKey key;

	private EventLoop.Timer handshakeTimer;

	private boolean active;

	private boolean paused;

	/** Unsent rest of a frame whose send timed out; guarded by writeLock. */
	private ByteBuffer pending;

	private volatile boolean busy;

	/** Whether any byte of the frame being sent is written; guarded by writeLock. */
	private boolean frameStarted;

	/** Lazily opened for sends that must wait for writability; guarded by writeLock. */
	private volatile Selector writeSelector;

	private Pipe(PipeContext context, SocketChannel channel, Framing framing, String description, Runnable onClosed) {
		this.context = context;
		this.channel = channel;
		this.framing = framing;
		this.description = description;
		this.onClosed = onClosed;
		TransportOptions options = context.options();
		this.decoder = new FrameDecoder(framing, context.receivedHeader(), options.maxReceiveSize(), options.maxTtl());
	}

	/**
	 * Starts SP negotiation on a connected channel: sends our header at once and waits
	 * for the peer's. Loop thread only.
	 * @param context the socket's shared pipe context
	 * @param channel a connected channel
	 * @param framing the transport's framing
	 * @param description names the connection in log lines
	 * @param onClosed runs on the loop thread after the pipe closes, or {@code null}
	 */
	static void open(PipeContext context, SocketChannel channel, Framing framing, String description,
			Runnable onClosed) {
		Pipe pipe = new Pipe(context, channel, framing, description, onClosed);
		try {
			channel.configureBlocking(false);
			if (framing == Framing.TCP) {
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			pipe.out.clear();
			ConnectionHeader.write(pipe.out, context.protocol());
			pipe.out.flip();
			channel.write(pipe.out);
			if (pipe.out.hasRemaining()) {
				throw new IOException("could not send the SP header");
			}
			pipe.key = context.loop().register(channel, SelectionKey.OP_READ, pipe);
			long timeout = context.options().handshakeTimeout().toNanos();
			pipe.handshakeTimer = context.loop().schedule(timeout, () -> {
				if (!pipe.active) {
					pipe.closeWith("no SP header within " + context.options().handshakeTimeout().toMillis() + " ms",
							true);
				}
			});
		}
		catch (IOException ex) {
			pipe.closeWith("cannot start: " + ex.getMessage(), false);
		}
	}

	@Override
	public void ready(SelectionKey key) {
		if (key.isReadable() && !this.callerReads && this.readLock.tryLock()) {
			try {
				if (!this.callerReads) {
					readAvailable();
				}
			}
			finally {
				this.readLock.unlock();
			}
		}
		if (key.isValid() && key.isWritable()) {
			flushPending();
		}
	}

	/**
	 * Returns whether this pipe still holds unsent bytes of an earlier frame.
	 * @return {@code true} while it cannot take a new message
	 */
	public boolean isBusy() {
		return this.busy;
	}

	/**
	 * Returns the framing of this pipe's transport.
	 * @return {@link Framing#IPC} or {@link Framing#TCP}
	 */
	public Framing framing() {
		return this.framing;
	}

	/**
	 * Returns whether this pipe is closed.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Sends one frame: the protocol header words, then the body. Any thread.
	 * @param words protocol header words
	 * @param wordCount how many of {@code words} to send
	 * @param body the message body
	 * @param deadline {@link System#nanoTime()} deadline, or {@code Long.MAX_VALUE} for
	 * none
	 * @return {@code true} if the frame was taken (sent, or partly sent and being
	 * finished by the loop); {@code false} if the deadline passed before any of it was
	 * sent
	 * @throws ClosedChannelException if the pipe is or becomes closed
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	public boolean send(int[] words, int wordCount, byte[] body, long deadline)
			throws ClosedChannelException, InterruptedException {
		this.writeLock.lockInterruptibly();
		try {
			while (this.pending != null) {
				ensureOpen();
				if (!awaitCondition(this.flushed, deadline)) {
					return false;
				}
			}
			ensureOpen();
			this.frameStarted = false;
			ByteBuffer buffer = this.out;
			buffer.clear();
			this.framing.writePrefix(buffer, 4L * wordCount + body.length);
			for (int i = 0; i < wordCount; i++) {
				buffer.putInt(words[i]);
			}
			int offset = 0;
			while (true) {
				int n = Math.min(buffer.remaining(), body.length - offset);
				buffer.put(body, offset, n);
				offset += n;
				buffer.flip();
				if (!writeUntil(buffer, deadline)) {
					if (!this.frameStarted) {
						return false;
					}
					keepPending(buffer, body, offset);
					return true;
				}
				if (offset == body.length) {
					return true;
				}
				buffer.clear();
			}
		}
		catch (IOException ex) {
			closeWith("send failed: " + ex.getMessage(), false);
			if (this.frameStarted) {
				// Part of the frame is on the wire: the message is spent with this
				// connection, as libnng drops it, rather than sent again elsewhere.
				return true;
			}
			throw closedException();
		}
		finally {
			if (this.closed.get()) {
				closeWriteSelector();
			}
			this.writeLock.unlock();
		}
	}

	/**
	 * Restarts reading after the socket refused a frame because its queue was full. Any
	 * thread. A pipe read by callers is resumed by the next caller read instead.
	 */
	public void resume() {
		if (!this.callerReads) {
			this.context.loop().execute(this::resumeInLoop);
		}
	}

	/**
	 * Returns how many frames this pipe has handed to the socket. Read it under the
	 * socket's lock together with the socket's state, then pass it to
	 * {@link #readOnCaller}.
	 * @return the count so far
	 */
	public long framesDelivered() {
		return this.delivered;
	}

	/**
	 * Reads on the calling thread until at least one frame was handed to the socket, the
	 * deadline passes, the pipe closes or {@link #wakeReader()} is called. The first call
	 * takes reading over from the loop; later calls keep it. Call without the socket's
	 * lock, from one thread at a time, and only on an active pipe.
	 * @param since {@link #framesDelivered()} when the caller last saw the socket's
	 * state; if more frames were delivered since, it returns at once
	 * @param deadline {@link System#nanoTime()} deadline, or {@code Long.MAX_VALUE} for
	 * none
	 * @return {@code false} if the deadline passed with nothing read
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	public boolean readOnCaller(long since, long deadline) throws InterruptedException {
		this.readLock.lockInterruptibly();
		try {
			if (this.closed.get() || this.delivered != since) {
				return true;
			}
			if (!this.callerReads) {
				takeOverReading();
			}
			this.callerReadCount++;
			if (this.paused) {
				resumeBuffered();
				if (this.delivered != since || this.paused) {
					return true;
				}
			}
			while (true) {
				if (Thread.interrupted()) {
					throw new InterruptedException();
				}
				long millis = 0;
				if (deadline != Long.MAX_VALUE) {
					long wait = deadline - System.nanoTime();
					if (wait <= 0) {
						return false;
					}
					millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
				}
				this.readSelector.select(IGNORE_KEY, millis);
				if (Thread.interrupted()) {
					throw new InterruptedException();
				}
				if (this.wakeRequested || this.closed.get()) {
					this.wakeRequested = false;
					return true;
				}
				readAvailable();
				if (this.delivered != since || this.paused || this.closed.get()) {
					return true;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			closeWith("read failed: " + ex.getMessage(), false);
			return true;
		}
		finally {
			this.readLock.unlock();
			if (this.closed.get()) {
				closeReadSelectorIfFree();
			}
		}
	}

	/** Makes a caller blocked in {@link #readOnCaller} return at once. Any thread. */
	public void wakeReader() {
		this.wakeRequested = true;
		Selector selector = this.readSelector;
		if (selector != null) {
			selector.wakeup();
		}
	}

	/**
	 * Returns whether receiving callers read this pipe rather than the loop.
	 * @return {@code true} after {@link #readOnCaller} took reading over, until given
	 * back
	 */
	public boolean isReadByCaller() {
		return this.callerReads;
	}

	/**
	 * Gives reading back to the loop, as when the socket gets more pipes than one caller
	 * can wait on. Call without the socket's lock, from any thread but the loop's.
	 */
	public void returnToLoop() {
		this.readLock.lock();
		try {
			if (!this.callerReads) {
				return;
			}
			this.callerReads = false;
		}
		finally {
			this.readLock.unlock();
		}
		this.context.loop().execute(this::resumeInLoop);
	}

	/**
	 * Closes the pipe. Any thread; idempotent.
	 * @param reason why, for the log
	 */
	public void close(String reason) {
		closeWith(reason, false);
	}

	@Override
	public String toString() {
		return this.description;
	}

	private void readAvailable() {
		try {
			while (!this.paused) {
				int room = this.in.remaining();
				int n = this.channel.read(this.in);
				if (n < 0) {
					boolean truncated = this.decoder.inFrame() || (!this.active && this.in.position() > 0);
					closeWith(truncated ? "closed by peer in the middle of a frame" : "closed by peer", truncated);
					return;
				}
				if (n == 0) {
					return;
				}
				this.in.flip();
				try {
					process();
				}
				finally {
					this.in.compact();
				}
				if (n < room) {
					// The kernel had no more: skip the read that would only say so.
					return;
				}
			}
		}
		catch (FrameFormatException ex) {
			closeWith(ex.getMessage(), true);
		}
		catch (IOException ex) {
			closeWith("read failed: " + ex.getMessage(), false);
		}
	}

	private void process() throws FrameFormatException {
		if (!this.active) {
			if (this.in.remaining() < ConnectionHeader.LENGTH) {
				return;
			}
			int peer = ConnectionHeader.read(this.in);
			if (peer != this.context.peerProtocol()) {
				throw new FrameFormatException(String.format("peer speaks SP protocol 0x%04x, expected 0x%04x", peer,
						this.context.peerProtocol()));
			}
			this.active = true;
			this.handshakeTimer.cancel();
			this.context.events().pipeAdded(this);
		}
		while (this.decoder.decode(this.in)) {
			if (!this.context.events().frameReceived(this, this.decoder)) {
				this.paused = true;
				if (!this.callerReads) {
					this.key.interestOpsAnd(~SelectionKey.OP_READ);
				}
				return;
			}
			this.delivered++;
			this.decoder.next();
		}
	}

	/**
	 * Hands the socket the frame it refused and the rest of the buffer; readLock held.
	 */
	private void resumeBuffered() {
		if (!this.context.events().frameReceived(this, this.decoder)) {
			return;
		}
		this.delivered++;
		this.decoder.next();
		this.paused = false;
		this.in.flip();
		try {
			process();
		}
		catch (FrameFormatException ex) {
			closeWith(ex.getMessage(), true);
		}
		finally {
			this.in.compact();
		}
	}

	/**
	 * Caller thread, readLock held: turns the loop's reading off and starts the reclaim
	 * timer.
	 */
	private void takeOverReading() throws IOException {
		if (this.readSelector == null) {
			Selector selector = Selector.open();
			try {
				this.channel.register(selector, SelectionKey.OP_READ);
			}
			catch (IOException | RuntimeException ex) {
				selector.close();
				throw ex;
			}
			this.readSelector = selector;
		}
		this.callerReads = true;
		this.key.interestOpsAnd(~SelectionKey.OP_READ);
		this.context.loop().execute(this::scheduleReclaim);
	}

	private void scheduleReclaim() {
		this.context.loop().schedule(RECLAIM_NANOS, this::reclaimIfUnread);
	}

	/** Loop thread: takes reading back when no caller read since the last look. */
	private void reclaimIfUnread() {
		if (!this.callerReads || this.closed.get()) {
			return;
		}
		if (!this.readLock.tryLock()) {
			scheduleReclaim();
			return;
		}
		try {
			if (this.callerReadCount != this.callerReadCountSeen) {
				this.callerReadCountSeen = this.callerReadCount;
				scheduleReclaim();
				return;
			}
			this.callerReads = false;
			readInLoopAgain();
		}
		finally {
			this.readLock.unlock();
		}
	}

	private void resumeInLoop() {
		if (this.closed.get() || !this.readLock.tryLock()) {
			// A caller holding the read lock reads this pipe and resumes it itself.
			return;
		}
		try {
			if (!this.callerReads) {
				readInLoopAgain();
			}
		}
		finally {
			this.readLock.unlock();
		}
	}

	/** Loop thread, readLock held: delivers what a pause held back and reads on. */
	private void readInLoopAgain() {
		if (this.closed.get() || !this.key.isValid()) {
			return;
		}
		if (this.paused) {
			resumeBuffered();
			if (this.paused || this.closed.get()) {
				return;
			}
		}
		else if ((this.key.interestOps() & SelectionKey.OP_READ) != 0) {
			return;
		}
		this.key.interestOpsOr(SelectionKey.OP_READ);
		readAvailable();
	}

	/** Writes until the buffer is empty or the deadline passes; writeLock held. */
	private boolean writeUntil(ByteBuffer buffer, long deadline) throws IOException, InterruptedException {
		while (buffer.hasRemaining()) {
			if (this.channel.write(buffer) > 0) {
				this.frameStarted = true;
				continue;
			}
			long wait = deadline - System.nanoTime();
			if (wait <= 0) {
				return false;
			}
			awaitWritable(wait);
			ensureOpen();
		}
		return true;
	}

	private void awaitWritable(long waitNanos) throws IOException, InterruptedException {
		if (this.writeSelector == null) {
			this.writeSelector = Selector.open();
			this.channel.register(this.writeSelector, SelectionKey.OP_WRITE);
		}
		long millis = (waitNanos > TimeUnit.DAYS.toNanos(1)) ? 0
				: Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos));
		// The consumer form keeps no selected-key set: nothing is allocated per wait.
		this.writeSelector.select(IGNORE_KEY, millis);
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
	}

	private void keepPending(ByteBuffer unsent, byte[] body, int offset) {
		ByteBuffer rest = ByteBuffer.allocate(unsent.remaining() + body.length - offset);
		rest.put(unsent).put(body, offset, body.length - offset).flip();
		this.pending = rest;
		this.busy = true;
		this.context.loop().execute(() -> {
			if (this.key.isValid()) {
				this.key.interestOpsOr(SelectionKey.OP_WRITE);
			}
		});
	}

	private void flushPending() {
		this.writeLock.lock();
		try {
			if (this.pending != null) {
				this.channel.write(this.pending);
				if (this.pending.hasRemaining()) {
					return;
				}
				this.pending = null;
				this.busy = false;
				this.flushed.signalAll();
			}
			this.key.interestOpsAnd(~SelectionKey.OP_WRITE);
		}
		catch (IOException ex) {
			closeWith("write failed: " + ex.getMessage(), false);
			return;
		}
		finally {
			this.writeLock.unlock();
		}
		this.context.events().pipeWritable(this);
	}

	private boolean awaitCondition(Condition condition, long deadline) throws InterruptedException {
		long wait = deadline - System.nanoTime();
		if (wait <= 0) {
			return false;
		}
		if (deadline == Long.MAX_VALUE) {
			condition.await();
			return true;
		}
		condition.awaitNanos(wait);
		return true;
	}

	private void ensureOpen() throws ClosedChannelException {
		if (this.closed.get()) {
			throw closedException();
		}
	}

	private static ClosedChannelException closedException() {
		return new ClosedChannelException();
	}

	private void closeWith(String reason, boolean peerMisbehaved) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		if (peerMisbehaved) {
			logger.warn("nng: closed connection {}: {}", this.description, reason);
		}
		else {
			logger.debug("nng: closed connection {}: {}", this.description, reason);
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		wakeReader();
		if (this.writeLock.tryLock()) {
			try {
				this.flushed.signalAll();
				closeWriteSelector();
			}
			finally {
				this.writeLock.unlock();
			}
		}
		else {
			Selector selector = this.writeSelector;
			if (selector != null) {
				selector.wakeup();
			}
			this.context.loop().execute(this::signalWriters);
		}
		if (this.context.loop().inLoop()) {
			afterClose();
		}
		else {
			this.context.loop().execute(this::afterClose);
		}
	}

	private void signalWriters() {
		this.writeLock.lock();
		try {
			this.flushed.signalAll();
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private void afterClose() {
		if (this.handshakeTimer != null) {
			this.handshakeTimer.cancel();
		}
		if (this.key != null) {
			this.key.cancel();
		}
		closeReadSelectorIfFree();
		if (this.active) {
			this.context.events().pipeRemoved(this);
		}
		if (this.onClosed != null) {
			this.onClosed.run();
		}
	}

	/**
	 * Closes the callers' selector unless a caller is reading; that caller closes it
	 * then.
	 */
	private void closeReadSelectorIfFree() {
		if (this.readSelector == null || !this.readLock.tryLock()) {
			return;
		}
		try {
			closeQuietly(this.readSelector);
			this.readSelector = null;
		}
		finally {
			this.readLock.unlock();
		}
	}

	private void closeWriteSelector() {
		closeQuietly(this.writeSelector);
		this.writeSelector = null;
	}

	private static void closeQuietly(Selector selector) {
		if (selector != null) {
			try {
				selector.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

}
