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
package dev.ekuiper.plugin.fuzz;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;
import dev.ekuiper.plugin.nng.wire.FrameFormatException;
import dev.ekuiper.plugin.nng.wire.Framing;
import dev.ekuiper.plugin.nng.wire.HeaderShape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FrameDecoder} on any bytes, cut into chunks of any size: it yields frames within
 * its limits or a {@link FrameFormatException}, nothing else, and the same frames whether
 * the bytes come at once or in chunks.
 *
 * <p>
 * Input layout: byte 0 picks the framing and header shape, bytes 1-2 the max receive size
 * (1 to 4096), byte 3 the max TTL (1 to 15), bytes 4-7 seed the chunk sizes, the rest is
 * the stream.
 */
class FrameDecoderFuzzTests {

	private static final int HEADER = 8;

	@FuzzTest(maxDuration = "5m")
	void anyBytesInAnyChunksDecodeToFramesWithinTheLimitsOrAFormatError(byte[] input) {
		if (input.length < HEADER) {
			return;
		}
		Framing framing = Framing.values()[(input[0] & 0xFF) % Framing.values().length];
		HeaderShape shape = HeaderShape.values()[((input[0] & 0xFF) / 2) % HeaderShape.values().length];
		long maxReceiveSize = 1 + (((input[1] & 0xFF) << 8 | (input[2] & 0xFF)) % 4096);
		int maxTtl = 1 + (input[3] & 0xFF) % 15;
		long chunkSeed = ByteBuffer.wrap(input, 4, 4).getInt();
		byte[] stream = Arrays.copyOfRange(input, HEADER, input.length);

		Outcome whole = decode(framing, shape, maxReceiveSize, maxTtl, stream, null);
		Outcome chunked = decode(framing, shape, maxReceiveSize, maxTtl, stream, new Random(chunkSeed));
		assertThat(chunked).isEqualTo(whole);
		for (Frame frame : whole.frames()) {
			assertThat(4L * frame.words().length + frame.body().length).isLessThanOrEqualTo(maxReceiveSize);
			switch (shape) {
				case NONE -> assertThat(frame.words()).isEmpty();
				case REQUEST_ID -> assertThat(frame.words()).hasSize(1);
				case BACKTRACE -> {
					assertThat(frame.words()).isNotEmpty().hasSizeLessThanOrEqualTo(maxTtl);
					assertThat(frame.words()[frame.words().length - 1]).as("request id has its top bit set")
						.isNegative();
					for (int i = 0; i < frame.words().length - 1; i++) {
						assertThat(frame.words()[i]).as("hop %d", i).isNotNegative();
					}
				}
			}
		}
		if (whole.error() != null) {
			assertThat(whole.error()).isNotBlank().doesNotContain("\n");
		}
	}

	private static Outcome decode(Framing framing, HeaderShape shape, long maxReceiveSize, int maxTtl, byte[] stream,
			Random chunks) {
		FrameDecoder decoder = new FrameDecoder(framing, shape, maxReceiveSize, maxTtl);
		List<Frame> frames = new ArrayList<>();
		int offset = 0;
		try {
			while (offset < stream.length) {
				int size = (chunks != null) ? 1 + chunks.nextInt(Math.min(stream.length - offset, 64))
						: stream.length - offset;
				ByteBuffer in = ByteBuffer.wrap(stream, offset, size);
				while (decoder.decode(in)) {
					frames.add(new Frame(Arrays.copyOf(decoder.words(), decoder.wordCount()), decoder.body()));
					decoder.next();
				}
				assertThat(in.hasRemaining()).as("every byte is consumed").isFalse();
				offset += size;
			}
		}
		catch (FrameFormatException ex) {
			return new Outcome(frames, ex.getMessage(), decoder.droppedFrames(), true);
		}
		return new Outcome(frames, null, decoder.droppedFrames(), decoder.inFrame());
	}

	/** A decoded frame; equal when its words and body are. */
	record Frame(int[] words, byte[] body) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Frame frame && Arrays.equals(this.words, frame.words)
					&& Arrays.equals(this.body, frame.body);
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(this.words) + Arrays.hashCode(this.body);
		}

		@Override
		public String toString() {
			return Arrays.toString(this.words) + " " + this.body.length + " bytes";
		}

	}

	/**
	 * The frames, the error if any, the frames skipped for too many hops, and whether a
	 * frame was cut short.
	 */
	record Outcome(List<Frame> frames, String error, long dropped, boolean partial) {
	}

}
