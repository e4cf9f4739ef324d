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
package dev.ekuiper.plugin.nng.wire;

import java.nio.ByteBuffer;

/**
 * Turns a stream of bytes, fed in chunks of any size, into SP frames.
 *
 * <p>
 * {@link #decode(ByteBuffer)} consumes bytes until one frame is complete and returns
 * {@code true}; the frame's protocol header words and body can then be read until
 * {@link #next()} releases it. Between frames nothing is buffered but the few bytes of an
 * incomplete prefix or header word, so the only allocation per frame is the body array.
 *
 * <p>
 * Limits are checked before anything is allocated. A frame above the max receive size is
 * skipped without being held and delivered as {@linkplain #isOversize() oversize}, so the
 * connection survives and the receiver can answer it (REP, which cannot answer, treats it
 * as an error). A bad ipc type byte, or a protocol header that cannot be complete, is a
 * {@link FrameFormatException}, after which the connection must be closed. A backtrace
 * longer than the max TTL is not an error: that frame is skipped and counted, as libnng
 * does.
 */
public final class FrameDecoder {

	/** The body of every zero-length message. */
	public static final byte[] EMPTY = new byte[0];

	private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

	private enum State {

		PREFIX, HEADER, BODY, SKIP, COMPLETE

	}

	private final Framing framing;

	private final HeaderShape shape;

	private final long maxReceiveSize;

	private final ByteBuffer prefix;

	private final int[] words;

	private State state = State.PREFIX;

	private long remaining;

	private int wordCount;

	private int wordBytes;

	private int partialWord;

	private byte[] body = EMPTY;

	private int bodyFill;

	private long dropped;

	private boolean oversize;

	private long frameLength;

	/**
	 * Creates a decoder for one connection.
	 * @param framing how frames are prefixed on this transport
	 * @param shape what protocol header precedes each body
	 * @param maxReceiveSize largest frame content accepted, in bytes; 0 for no limit
	 * @param maxTtl most backtrace words (hops plus request id) kept for
	 * {@link HeaderShape#BACKTRACE}
	 */
	public FrameDecoder(Framing framing, HeaderShape shape, long maxReceiveSize, int maxTtl) {
		this.framing = framing;
		this.shape = shape;
		this.maxReceiveSize = maxReceiveSize;
		this.prefix = ByteBuffer.allocate(framing.prefixLength());
		this.words = new int[Math.max(1, maxTtl)];
	}

	/**
	 * Consumes bytes from {@code in} until a frame is complete or {@code in} is empty.
	 * @param in the bytes read from the connection; its position advances
	 * @return {@code true} when a frame is complete and waiting for {@link #next()}
	 * @throws FrameFormatException if the bytes break the wire format
	 */
	public boolean decode(ByteBuffer in) throws FrameFormatException {
		while (this.state != State.COMPLETE) {
			if (!in.hasRemaining()) {
				return false;
			}
			switch (this.state) {
				case PREFIX -> readPrefix(in);
				case HEADER -> readHeaderWord(in);
				case BODY -> readBody(in);
				case SKIP -> skip(in);
				default -> throw new IllegalStateException(this.state.name());
			}
		}
		return true;
	}

	/**
	 * Returns the body of the complete frame.
	 * @return the body, never {@code null}
	 */
	public byte[] body() {
		return this.body;
	}

	/**
	 * Returns the protocol header words of the complete frame, in wire order; only the
	 * first {@link #wordCount()} are valid. The array is reused for the next frame.
	 * @return the header words
	 */
	public int[] words() {
		return this.words;
	}

	/**
	 * Returns how many protocol header words the complete frame has.
	 * @return the word count
	 */
	public int wordCount() {
		return this.wordCount;
	}

	/**
	 * Returns how many frames were skipped because their backtrace was too long.
	 * @return the count of dropped frames
	 */
	public long droppedFrames() {
		return this.dropped;
	}

	/**
	 * Returns whether a frame is complete and not yet released.
	 * @return {@code true} between a successful {@link #decode} and {@link #next()}
	 */
	public boolean hasFrame() {
		return this.state == State.COMPLETE;
	}

	/**
	 * Returns whether part of a frame has been read but not all of it.
	 * @return {@code true} in the middle of a frame
	 */
	public boolean inFrame() {
		return this.state != State.COMPLETE && (this.state != State.PREFIX || this.prefix.position() > 0);
	}

	/**
	 * Returns whether the complete frame was larger than the max receive size: its body
	 * was skipped and {@link #body()} is empty; only a REQ reply's id word is kept.
	 * @return {@code true} for an oversize frame
	 */
	public boolean isOversize() {
		return this.oversize;
	}

	/**
	 * Returns the size the complete frame declared, protocol header included.
	 * @return the frame's length in bytes
	 */
	public long frameLength() {
		return this.frameLength;
	}

	/** Releases the complete frame so the next one can be decoded. */
	public void next() {
		this.oversize = false;
		this.body = EMPTY;
		this.bodyFill = 0;
		this.wordCount = 0;
		this.prefix.clear();
		this.state = State.PREFIX;
	}

	private void readPrefix(ByteBuffer in) throws FrameFormatException {
		copy(in, this.prefix);
		if (this.prefix.hasRemaining()) {
			return;
		}
		this.prefix.flip();
		if (this.framing == Framing.IPC) {
			byte type = this.prefix.get();
			if (type != Framing.IPC_MESSAGE_TYPE) {
				throw new FrameFormatException(String.format("bad ipc message type byte 0x%02x", type));
			}
		}
		long length = this.prefix.getLong();
		boolean tooLarge = this.maxReceiveSize > 0 && length > this.maxReceiveSize;
		// Beyond what any array can hold (1 TiB, say) no real sender is writing a
		// message,
		// so that connection is closed, as libnng does, rather than read through.
		if (length < 0 || (tooLarge && (this.shape == HeaderShape.BACKTRACE || length > MAX_ARRAY_LENGTH))) {
			throw new FrameFormatException("message of " + Long.toUnsignedString(length)
					+ " bytes exceeds the max receive size of " + this.maxReceiveSize + " bytes");
		}
		if (tooLarge) {
			// Skipped without being held, and delivered as an oversize frame the receiver
			// can answer; a reply keeps its request id so REQ can match it.
			this.oversize = true;
		}
		else if (length - (this.shape == HeaderShape.NONE ? 0 : 4) > MAX_ARRAY_LENGTH) {
			throw new FrameFormatException("message of " + length + " bytes is too large to receive");
		}
		this.remaining = length;
		this.frameLength = length;
		if (this.shape == HeaderShape.NONE) {
			startBody();
		}
		else if (length < 4) {
			throw new FrameFormatException(((this.shape == HeaderShape.REQUEST_ID) ? "reply" : "request") + " of "
					+ length + " bytes is shorter than a request id");
		}
		else {
			this.wordBytes = 0;
			this.partialWord = 0;
			this.state = State.HEADER;
		}
	}

	private void readHeaderWord(ByteBuffer in) throws FrameFormatException {
		while (this.wordBytes < 4 && in.hasRemaining()) {
			this.partialWord = (this.partialWord << 8) | (in.get() & 0xFF);
			this.wordBytes++;
		}
		if (this.wordBytes < 4) {
			return;
		}
		int word = this.partialWord;
		this.remaining -= 4;
		this.wordBytes = 0;
		this.partialWord = 0;
		if (this.wordCount == this.words.length) {
			// Too many hops: drop the frame silently and keep the connection, as libnng
			// does.
			this.state = State.SKIP;
			if (this.remaining == 0) {
				this.dropped++;
				next();
			}
			return;
		}
		this.words[this.wordCount++] = word;
		if (this.shape == HeaderShape.REQUEST_ID || word < 0) {
			startBody();
		}
		else if (this.remaining < 4) {
			throw new FrameFormatException("request has no request id (no header word with the top bit set)");
		}
	}

	private void startBody() {
		if (this.oversize) {
			this.body = EMPTY;
			this.state = (this.remaining == 0) ? State.COMPLETE : State.SKIP;
			return;
		}
		this.body = (this.remaining == 0) ? EMPTY : new byte[(int) this.remaining];
		this.bodyFill = 0;
		this.state = (this.remaining == 0) ? State.COMPLETE : State.BODY;
	}

	private void readBody(ByteBuffer in) {
		int n = Math.min(in.remaining(), this.body.length - this.bodyFill);
		in.get(this.body, this.bodyFill, n);
		this.bodyFill += n;
		if (this.bodyFill == this.body.length) {
			this.state = State.COMPLETE;
		}
	}

	private void skip(ByteBuffer in) {
		int n = (int) Math.min(in.remaining(), this.remaining);
		in.position(in.position() + n);
		this.remaining -= n;
		if (this.remaining == 0) {
			if (this.oversize) {
				this.state = State.COMPLETE;
				return;
			}
			this.dropped++;
			next();
		}
	}

	private static void copy(ByteBuffer from, ByteBuffer to) {
		int n = Math.min(from.remaining(), to.remaining());
		int limit = from.limit();
		from.limit(from.position() + n);
		to.put(from);
		from.limit(limit);
	}

}
