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

import dev.ekuiper.plugin.nng.wire.ConnectionHeader;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;
import dev.ekuiper.plugin.nng.wire.FrameFormatException;
import dev.ekuiper.plugin.nng.wire.Framing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection between two SP sockets.
 *
 * <p>The loop thread reads: it checks the peer's header, decodes frames and hands them to
 * the socket, pausing when the socket's queue is full. Sending threads write directly with
 * non-blocking writes, waiting for writability up to their deadline; a frame cut short by
 * the deadline is finished by the loop thread, and the pipe takes no new message until it
 * is.
 */
public final class Pipe implements EventLoop.Handler {

	private static final Logger logger = LoggerFactory.getLogger(Pipe.class);

	private static final int BUFFER_SIZE = 64 * 1024;

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
	 * Starts SP negotiation on a connected channel: sends our header at once and waits for
	 * the peer's. Loop thread only.
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
					pipe.closeWith("no SP header within " + context.options().handshakeTimeout().toMillis() + " ms", true);
				}
			});
		}
		catch (IOException ex) {
			pipe.closeWith("cannot start: " + ex.getMessage(), false);
		}
	}

	@Override
	public void ready(SelectionKey key) {
		if (key.isReadable()) {
			readAvailable();
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
	 * @param deadline {@link System#nanoTime()} deadline, or {@code Long.MAX_VALUE} for none
	 * @return {@code true} if the frame was taken (sent, or partly sent and being finished
	 * by the loop); {@code false} if the deadline passed before any of it was sent
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

	/** Restarts reading after the socket refused a frame because its queue was full. Any thread. */
	public void resume() {
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
				this.key.interestOps(this.key.interestOps() & ~SelectionKey.OP_READ);
				return;
			}
			this.decoder.next();
		}
	}

	private void resumeInLoop() {
		if (!this.paused || this.closed.get()) {
			return;
		}
		if (!this.context.events().frameReceived(this, this.decoder)) {
			return;
		}
		this.decoder.next();
		this.paused = false;
		this.in.flip();
		try {
			process();
		}
		catch (FrameFormatException ex) {
			closeWith(ex.getMessage(), true);
			return;
		}
		finally {
			this.in.compact();
		}
		if (!this.paused && this.key.isValid()) {
			this.key.interestOps(this.key.interestOps() | SelectionKey.OP_READ);
			readAvailable();
		}
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
		long millis = (waitNanos > TimeUnit.DAYS.toNanos(1)) ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos));
		this.writeSelector.select(millis);
		this.writeSelector.selectedKeys().clear();
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
				this.key.interestOps(this.key.interestOps() | SelectionKey.OP_WRITE);
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
			this.key.interestOps(this.key.interestOps() & ~SelectionKey.OP_WRITE);
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
		if (this.active) {
			this.context.events().pipeRemoved(this);
		}
		if (this.onClosed != null) {
			this.onClosed.run();
		}
	}

	private void closeWriteSelector() {
		if (this.writeSelector != null) {
			try {
				this.writeSelector.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.writeSelector = null;
		}
	}

}
