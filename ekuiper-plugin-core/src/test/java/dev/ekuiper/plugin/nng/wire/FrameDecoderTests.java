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

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import dev.ekuiper.plugin.nng.transport.TransportOptions;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link FrameDecoder}: random frames and random chunkings (property style,
 * seeded so that a failure names the seed that reproduces it), and malformed input.
 */
class FrameDecoderTests {

	private static final long BASE_SEED = 0x5EEDF00DL;

	private static final int MAX_TTL = 8;

	private static final int MIB = 1024 * 1024;

	@RepeatedTest(120)
	void randomFramesDecodeTheSameUnderAnyChunking(RepetitionInfo repetition) {
		long seed = BASE_SEED + repetition.getCurrentRepetition();
		SplittableRandom random = new SplittableRandom(seed);
		Framing framing = pick(random, Framing.values());
		HeaderShape shape = pick(random, HeaderShape.values());
		List<Frame> frames = new ArrayList<>();
		int count = random.nextInt(1, 16);
		int large = (random.nextInt(4) == 0) ? random.nextInt(count) : -1;
		for (int i = 0; i < count; i++) {
			int size = (i == large) ? MIB + random.nextInt(1, 4096) : randomSize(random);
			frames.add(randomFrame(random, shape, size));
		}
		byte[] stream = encode(framing, frames);
		Chunking chunking = pick(random, Chunking.values());
		String context = "seed=" + seed + " framing=" + framing + " shape=" + shape + " chunking=" + chunking
				+ " sizes=" + frames.stream().map((frame) -> frame.body().length).toList();
		List<Frame> decoded = decodeInChunks(new FrameDecoder(framing, shape, 0, MAX_TTL), stream, random, chunking,
				random.nextBoolean(), context);
		assertSameFrames(decoded, frames, context);
	}

	@ParameterizedTest
	@MethodSource("framingsAndShapes")
	void everySplitPointOfSmallFramesDecodes(Framing framing, HeaderShape shape) {
		SplittableRandom random = new SplittableRandom(BASE_SEED);
		List<Frame> frames = List.of(randomFrame(random, shape, 0), randomFrame(random, shape, 1),
				randomFrame(random, shape, 5));
		byte[] stream = encode(framing, frames);
		for (int first = 0; first <= stream.length; first++) {
			for (int second = first; second <= stream.length; second++) {
				int[] cuts = { first, second, stream.length };
				String context = framing + " " + shape + " cut at " + first + " and " + second;
				List<Frame> decoded = decodeAtCuts(new FrameDecoder(framing, shape, 0, MAX_TTL), stream, cuts, context);
				assertSameFrames(decoded, frames, context);
			}
		}
	}

	@ParameterizedTest
	@MethodSource("framingsAndShapes")
	void notableSizesDecodeWholeAndByteByByte(Framing framing, HeaderShape shape) {
		SplittableRandom random = new SplittableRandom(BASE_SEED);
		for (int size : new int[] { 0, 1, 4096, MIB + 17 }) {
			List<Frame> frames = List.of(randomFrame(random, shape, size));
			byte[] stream = encode(framing, frames);
			for (Chunking chunking : List.of(Chunking.WHOLE, Chunking.SINGLE_BYTES)) {
				String context = framing + " " + shape + " size " + size + " " + chunking;
				List<Frame> decoded = decodeInChunks(new FrameDecoder(framing, shape, 0, MAX_TTL), stream, random,
						chunking, true, context);
				assertSameFrames(decoded, frames, context);
			}
		}
	}

	@ParameterizedTest
	@MethodSource("framingsAndShapes")
	void manyFramesBackToBackInOneBufferAllDecode(Framing framing, HeaderShape shape) {
		SplittableRandom random = new SplittableRandom(BASE_SEED);
		List<Frame> frames = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			frames.add(randomFrame(random, shape, random.nextInt(0, 40)));
		}
		byte[] stream = encode(framing, frames);
		List<Frame> decoded = decodeInChunks(new FrameDecoder(framing, shape, 0, MAX_TTL), stream, random,
				Chunking.WHOLE, false, framing + " " + shape);
		assertSameFrames(decoded, frames, framing + " " + shape);
	}

	@Test
	void lengthCountsProtocolHeaderAndBody() throws FrameFormatException {
		byte[] stream = RawBytes.hex("01 000000000000000b 00000007 80000001 6869 4f");
		FrameDecoder decoder = new FrameDecoder(Framing.IPC, HeaderShape.BACKTRACE, 0, MAX_TTL);
		assertThat(decoder.decode(ByteBuffer.wrap(stream))).isTrue();
		assertThat(Arrays.copyOf(decoder.words(), decoder.wordCount())).containsExactly(7, 0x80000001);
		assertThat(decoder.body()).isEqualTo("hiO".getBytes());
	}

	@Test
	void completeFrameIsKeptUntilNextAndNoMoreInputIsConsumed() throws FrameFormatException {
		byte[] one = RawBytes.frame(Framing.TCP, new int[0], "one".getBytes());
		byte[] two = RawBytes.frame(Framing.TCP, new int[0], "two".getBytes());
		ByteBuffer in = ByteBuffer.allocate(one.length + two.length).put(one).put(two).flip();
		FrameDecoder decoder = new FrameDecoder(Framing.TCP, HeaderShape.NONE, 0, MAX_TTL);
		assertThat(decoder.decode(in)).isTrue();
		assertThat(decoder.hasFrame()).isTrue();
		assertThat(in.remaining()).isEqualTo(two.length);
		assertThat(decoder.decode(in)).isTrue();
		assertThat(in.remaining()).isEqualTo(two.length);
		assertThat(decoder.body()).isEqualTo("one".getBytes());
		decoder.next();
		assertThat(decoder.hasFrame()).isFalse();
		assertThat(decoder.decode(in)).isTrue();
		assertThat(decoder.body()).isEqualTo("two".getBytes());
	}

	@Test
	void zeroLengthFramesShareTheEmptyBody() throws FrameFormatException {
		FrameDecoder decoder = new FrameDecoder(Framing.IPC, HeaderShape.NONE, 0, MAX_TTL);
		assertThat(decoder.decode(ByteBuffer.wrap(RawBytes.hex("01 0000000000000000")))).isTrue();
		assertThat(decoder.body()).isSameAs(FrameDecoder.EMPTY);
		assertThat(decoder.wordCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0x00, 0x02, 0x7f, 0x80, 0xff })
	void badIpcTypeByteIsRejected(int type) {
		byte[] stream = RawBytes.frame(Framing.IPC, new int[0], "hi".getBytes());
		stream[0] = (byte) type;
		FrameDecoder decoder = new FrameDecoder(Framing.IPC, HeaderShape.NONE, 0, MAX_TTL);
		assertThatExceptionOfType(FrameFormatException.class).isThrownBy(() -> decoder.decode(ByteBuffer.wrap(stream)))
			.withMessageContaining("type byte");
	}

	@ParameterizedTest
	@EnumSource(Framing.class)
	void lengthAboveMaxReceiveSizeIsSkippedWithoutAllocating(Framing framing) {
		long max = 64L * MIB;
		ByteBuffer prefix = prefix(framing, max + 1);
		FrameDecoder decoder = new FrameDecoder(framing, HeaderShape.NONE, max, MAX_TTL);
		ByteBuffer chunk = ByteBuffer.allocate(MIB);
		long allocated = allocatedBytesWhile(() -> {
			try {
				assertThat(decoder.decode(prefix)).isFalse();
				long left = max + 1;
				boolean complete = false;
				while (left > 0) {
					chunk.clear().limit((int) Math.min(MIB, left));
					left -= chunk.remaining();
					complete = decoder.decode(chunk);
				}
				assertThat(complete).isTrue();
			}
			catch (FrameFormatException ex) {
				throw new AssertionError(ex);
			}
		});
		assertThat(decoder.isOversize()).isTrue();
		assertThat(decoder.frameLength()).isEqualTo(max + 1);
		assertThat(decoder.body()).isEmpty();
		assertThat(allocated).as("bytes allocated while skipping").isLessThan(MIB);
	}

	@ParameterizedTest
	@EnumSource(Framing.class)
	void lengthAboveMaxReceiveSizeOfARequestClosesTheConnection(Framing framing) {
		ByteBuffer prefix = prefix(framing, 1025);
		FrameDecoder decoder = new FrameDecoder(framing, HeaderShape.BACKTRACE, 1024, MAX_TTL);
		assertThatExceptionOfType(FrameFormatException.class).isThrownBy(() -> decoder.decode(prefix))
			.withMessageContaining("exceeds the max receive size");
	}

	@ParameterizedTest
	@EnumSource(Framing.class)
	void lengthAtMaxReceiveSizeIsAccepted(Framing framing) throws FrameFormatException {
		byte[] stream = RawBytes.frame(framing, new int[] { 0x80000001 }, new byte[12]);
		FrameDecoder decoder = new FrameDecoder(framing, HeaderShape.REQUEST_ID, 16, MAX_TTL);
		assertThat(decoder.decode(ByteBuffer.wrap(stream))).isTrue();
		assertThat(decoder.body()).hasSize(12);
	}

	@ParameterizedTest
	@MethodSource("hugeLengths")
	void hugeLengthIsRejectedBeforeAllocatingEvenWithNoLimit(Framing framing, HeaderShape shape, long length) {
		ByteBuffer prefix = prefix(framing, length);
		for (long max : new long[] { 0, TransportOptions.DEFAULT_MAX_RECEIVE_SIZE }) {
			FrameDecoder decoder = new FrameDecoder(framing, shape, max, MAX_TTL);
			prefix.rewind();
			long allocated = allocatedBytesWhile(() -> assertThatExceptionOfType(FrameFormatException.class)
				.as("length %s with max receive size %d", Long.toUnsignedString(length), max)
				.isThrownBy(() -> decoder.decode(prefix)));
			assertThat(allocated).as("bytes allocated while rejecting").isLessThan(MIB);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3 })
	void requestShorterThanRequestIdIsRejected(int length) {
		byte[] stream = RawBytes.frame(Framing.TCP, new int[0], new byte[length]);
		FrameDecoder decoder = new FrameDecoder(Framing.TCP, HeaderShape.BACKTRACE, 0, MAX_TTL);
		assertThatExceptionOfType(FrameFormatException.class).isThrownBy(() -> decoder.decode(ByteBuffer.wrap(stream)))
			.withMessage("request of " + length + " bytes is shorter than a request id");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3 })
	void replyShorterThanRequestIdIsRejectedNamingTheProblem(int length) {
		byte[] stream = RawBytes.frame(Framing.TCP, new int[0], new byte[length]);
		FrameDecoder decoder = new FrameDecoder(Framing.TCP, HeaderShape.REQUEST_ID, 0, MAX_TTL);
		assertThatExceptionOfType(FrameFormatException.class).isThrownBy(() -> decoder.decode(ByteBuffer.wrap(stream)))
			.withMessage("reply of " + length + " bytes is shorter than a request id");
	}

	@ParameterizedTest
	@MethodSource("requestsWithNoRequestId")
	void requestWithNoTopBitWordIsRejected(String hex) {
		byte[] stream = RawBytes.hex(hex);
		FrameDecoder decoder = new FrameDecoder(Framing.IPC, HeaderShape.BACKTRACE, 0, MAX_TTL);
		assertThatExceptionOfType(FrameFormatException.class).isThrownBy(() -> decoder.decode(ByteBuffer.wrap(stream)))
			.withMessageContaining("no request id");
	}

	@Test
	void backtraceOfMaxTtlWordsIsKept() throws FrameFormatException {
		int[] words = { 1, 2, 3, 4, 5, 6, 7, 0x80000008 };
		byte[] stream = RawBytes.frame(Framing.TCP, words, "ok".getBytes());
		FrameDecoder decoder = new FrameDecoder(Framing.TCP, HeaderShape.BACKTRACE, 0, MAX_TTL);
		assertThat(decoder.decode(ByteBuffer.wrap(stream))).isTrue();
		assertThat(Arrays.copyOf(decoder.words(), decoder.wordCount())).containsExactly(words);
		assertThat(decoder.droppedFrames()).isZero();
	}

	@RepeatedTest(20)
	void backtraceLongerThanMaxTtlIsDroppedAndCountedAndTheNextFrameDecodes(RepetitionInfo repetition) {
		long seed = BASE_SEED + repetition.getCurrentRepetition();
		SplittableRandom random = new SplittableRandom(seed);
		Framing framing = pick(random, Framing.values());
		int[] tooLong = { 1, 2, 3, 4, 5, 6, 7, 8, 0x80000009 };
		Frame good = randomFrame(random, HeaderShape.BACKTRACE, random.nextInt(0, 100));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(RawBytes.frame(framing, tooLong, randomBody(random, random.nextInt(0, 100))));
		out.writeBytes(RawBytes.frame(framing, good.words(), good.body()));
		FrameDecoder decoder = new FrameDecoder(framing, HeaderShape.BACKTRACE, 0, MAX_TTL);
		String context = "seed=" + seed + " " + framing;
		List<Frame> decoded = decodeInChunks(decoder, out.toByteArray(), random, pick(random, Chunking.values()), false,
				context);
		assertSameFrames(decoded, List.of(good), context);
		assertThat(decoder.droppedFrames()).as(context).isEqualTo(1);
	}

	@Test
	void backtraceLongerThanMaxTtlIsCountedOnceFullyConsumed() throws FrameFormatException {
		int[] tooLong = { 1, 2, 3, 4, 5, 6, 7, 8, 0x80000009 };
		byte[] stream = RawBytes.frame(Framing.TCP, tooLong, new byte[0]);
		FrameDecoder decoder = new FrameDecoder(Framing.TCP, HeaderShape.BACKTRACE, 0, MAX_TTL);
		ByteBuffer in = ByteBuffer.wrap(stream);
		assertThat(decoder.decode(in)).isFalse();
		assertThat(in.hasRemaining()).isFalse();
		assertThat(decoder.droppedFrames()).as("frames dropped after all of the over-long one was read").isEqualTo(1);
	}

	@Test
	void backtraceWithNoRequestIdWithinMaxTtlIsDroppedNotRejected() throws FrameFormatException {
		int[] hops = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		byte[] stream = RawBytes.frame(Framing.TCP, hops, "x".getBytes());
		FrameDecoder decoder = new FrameDecoder(Framing.TCP, HeaderShape.BACKTRACE, 0, MAX_TTL);
		assertThat(decoder.decode(ByteBuffer.wrap(stream))).isFalse();
		assertThat(decoder.droppedFrames()).isEqualTo(1);
	}

	static Stream<Arguments> framingsAndShapes() {
		return Stream.of(Framing.values())
			.flatMap((framing) -> Stream.of(HeaderShape.values()).map((shape) -> Arguments.of(framing, shape)));
	}

	static Stream<Arguments> hugeLengths() {
		return framingsAndShapes().flatMap(
				(arguments) -> Stream.of(1L << 40, (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE, Long.MIN_VALUE, -1L)
					.map((length) -> Arguments.of(arguments.get()[0], arguments.get()[1], length)));
	}

	static Stream<String> requestsWithNoRequestId() {
		return Stream.of("01 0000000000000004 00000001", "01 0000000000000008 00000001 00000002",
				"01 0000000000000007 00000001 800000", "01 0000000000000005 00000001 80");
	}

	private static List<Frame> decodeInChunks(FrameDecoder decoder, byte[] stream, SplittableRandom random,
			Chunking chunking, boolean direct, String context) {
		ByteBuffer in = direct ? ByteBuffer.allocateDirect(stream.length).put(stream).flip() : ByteBuffer.wrap(stream);
		List<Frame> decoded = new ArrayList<>();
		int end = 0;
		in.limit(0);
		while (end < stream.length) {
			end = Math.min(stream.length, end + chunking.next(random, stream.length));
			in.limit(end);
			drain(decoder, in, decoded, context);
		}
		assertThat(decoder.hasFrame()).as(context).isFalse();
		return decoded;
	}

	private static List<Frame> decodeAtCuts(FrameDecoder decoder, byte[] stream, int[] cuts, String context) {
		ByteBuffer in = ByteBuffer.wrap(stream).limit(0);
		List<Frame> decoded = new ArrayList<>();
		for (int cut : cuts) {
			in.limit(cut);
			drain(decoder, in, decoded, context);
		}
		return decoded;
	}

	private static void drain(FrameDecoder decoder, ByteBuffer in, List<Frame> decoded, String context) {
		try {
			while (decoder.decode(in)) {
				decoded.add(new Frame(Arrays.copyOf(decoder.words(), decoder.wordCount()), decoder.body()));
				decoder.next();
			}
		}
		catch (FrameFormatException ex) {
			throw new AssertionError(context + ": " + ex.getMessage(), ex);
		}
		assertThat(in.hasRemaining()).as("%s: decode returned false with input left", context).isFalse();
	}

	private static void assertSameFrames(List<Frame> decoded, List<Frame> expected, String context) {
		assertThat(decoded).as("%s: frame count", context).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			Frame actual = decoded.get(i);
			Frame wanted = expected.get(i);
			assertThat(actual.words()).as("%s: words of frame %d", context, i).containsExactly(wanted.words());
			assertThat(Arrays.mismatch(actual.body(), wanted.body()))
				.as("%s: first differing body byte of frame %d (lengths %d and %d)", context, i, actual.body().length,
						wanted.body().length)
				.isEqualTo(-1);
		}
	}

	private static byte[] encode(Framing framing, List<Frame> frames) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Frame frame : frames) {
			out.writeBytes(RawBytes.frame(framing, frame.words(), frame.body()));
		}
		return out.toByteArray();
	}

	private static Frame randomFrame(SplittableRandom random, HeaderShape shape, int size) {
		int[] words = switch (shape) {
			case NONE -> new int[0];
			case REQUEST_ID -> new int[] { random.nextInt() | 0x80000000 };
			case BACKTRACE -> {
				int[] backtrace = new int[random.nextInt(1, MAX_TTL + 1)];
				for (int i = 0; i < backtrace.length - 1; i++) {
					backtrace[i] = random.nextInt() & 0x7FFFFFFF;
				}
				backtrace[backtrace.length - 1] = random.nextInt() | 0x80000000;
				yield backtrace;
			}
		};
		return new Frame(words, randomBody(random, size));
	}

	private static byte[] randomBody(SplittableRandom random, int size) {
		byte[] body = new byte[size];
		random.nextBytes(body);
		return body;
	}

	private static int randomSize(SplittableRandom random) {
		return switch (random.nextInt(7)) {
			case 0 -> 0;
			case 1 -> 1;
			case 2 -> 4096;
			case 3 -> random.nextInt(2, 64);
			case 4 -> 64 * 1024 + random.nextInt(-16, 16);
			default -> random.nextInt(0, 20_000);
		};
	}

	private static <T> T pick(SplittableRandom random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	private static ByteBuffer prefix(Framing framing, long length) {
		ByteBuffer prefix = ByteBuffer.allocate(framing.prefixLength());
		framing.writePrefix(prefix, length);
		return prefix.flip();
	}

	private static long allocatedBytesWhile(Runnable action) {
		java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
		assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
		threads.setThreadAllocatedMemoryEnabled(true);
		long before = threads.getCurrentThreadAllocatedBytes();
		action.run();
		return threads.getCurrentThreadAllocatedBytes() - before;
	}

	/** How an encoded stream is cut into the chunks fed to the decoder. */
	private enum Chunking {

		WHOLE, SINGLE_BYTES, TINY, SMALL, LARGE;

		int next(SplittableRandom random, int total) {
			return switch (this) {
				case WHOLE -> total;
				case SINGLE_BYTES -> 1;
				case TINY -> random.nextInt(1, 17);
				case SMALL -> random.nextInt(1, 4097);
				case LARGE -> random.nextInt(1, 200_000);
			};
		}

	}

	private record Frame(int[] words, byte[] body) {
	}

}
