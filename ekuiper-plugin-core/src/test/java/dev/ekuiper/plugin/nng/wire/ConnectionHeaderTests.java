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
import java.util.SplittableRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ConnectionHeader}, against the bytes libnng sends and rejects.
 */
class ConnectionHeaderTests {

	private static final long BASE_SEED = 0xC0FFEEL;

	@ParameterizedTest
	@CsvSource({ "48, 0053500000300000", "49, 0053500000310000", "80, 0053500000500000", "81, 0053500000510000" })
	void writeProducesTheBytesLibnngSends(int protocol, String hex) {
		ByteBuffer out = ByteBuffer.allocate(ConnectionHeader.LENGTH);
		ConnectionHeader.write(out, protocol);
		assertThat(out.position()).isEqualTo(ConnectionHeader.LENGTH);
		assertThat(RawBytes.hex(out.array())).isEqualTo(hex);
	}

	@ParameterizedTest
	@CsvSource({ "0053500000300000, 48", "0053500000310000, 49", "0053500000500000, 80", "0053500000510000, 81" })
	void readReturnsTheAnnouncedProtocol(String hex, int protocol) throws FrameFormatException {
		assertThat(ConnectionHeader.read(ByteBuffer.wrap(RawBytes.hex(hex)))).isEqualTo(protocol);
	}

	@RepeatedTest(50)
	void anyProtocolNumberSurvivesWriteAndRead(RepetitionInfo repetition) throws FrameFormatException {
		long seed = BASE_SEED + repetition.getCurrentRepetition();
		int protocol = new SplittableRandom(seed).nextInt(0x10000);
		ByteBuffer buffer = ByteBuffer.allocate(ConnectionHeader.LENGTH);
		ConnectionHeader.write(buffer, protocol);
		assertThat(ConnectionHeader.read(buffer.flip())).as("seed=%d protocol=0x%04x", seed, protocol)
			.isEqualTo(protocol);
	}

	@Test
	void readConsumesExactlyTheHeader() throws FrameFormatException {
		ByteBuffer in = ByteBuffer.wrap(RawBytes.hex("0053500000310000 01 02"));
		ConnectionHeader.read(in);
		assertThat(in.position()).isEqualTo(ConnectionHeader.LENGTH);
		assertThat(in.remaining()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3 })
	void badMagicIsRejected(int index) {
		SplittableRandom random = new SplittableRandom(BASE_SEED + index);
		for (int i = 0; i < 20; i++) {
			byte[] header = RawBytes.hex("0053500000300000");
			byte original = header[index];
			do {
				header[index] = (byte) random.nextInt(256);
			}
			while (header[index] == original);
			assertThatExceptionOfType(FrameFormatException.class).as("header %s", RawBytes.hex(header))
				.isThrownBy(() -> ConnectionHeader.read(ByteBuffer.wrap(header)))
				.withMessageContaining("magic");
		}
	}

	@Test
	void badMagicCapturedFromLibnngTestIsRejected() {
		assertThatExceptionOfType(FrameFormatException.class)
			.isThrownBy(() -> ConnectionHeader.read(ByteBuffer.wrap(RawBytes.hex("0053510000300000"))))
			.withMessage("bad SP header magic 00 53 51 00");
	}

	@ParameterizedTest
	@CsvSource({ "0053500000300100, 01 00", "0053500000300001, 00 01", "00535000003080ff, 80 ff" })
	void nonZeroReservedBytesAreRejected(String hex, String reserved) {
		assertThatExceptionOfType(FrameFormatException.class)
			.isThrownBy(() -> ConnectionHeader.read(ByteBuffer.wrap(RawBytes.hex(hex))))
			.withMessage("bad SP header reserved bytes " + reserved);
	}

}
