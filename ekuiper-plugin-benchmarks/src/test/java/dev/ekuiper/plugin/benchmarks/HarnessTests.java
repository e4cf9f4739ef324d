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
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HarnessTests {

	@Test
	void percentilesAreNearestRankInMicroseconds() {
		long[] sorted = new long[1000];
		for (int i = 0; i < sorted.length; i++) {
			sorted[i] = (i + 1) * 1000L;
		}
		assertThat(Roles.percentileMicros(sorted, 0.50)).isEqualTo(500.0);
		assertThat(Roles.percentileMicros(sorted, 0.99)).isEqualTo(990.0);
		assertThat(Roles.percentileMicros(sorted, 0.999)).isEqualTo(999.0);
		assertThat(Roles.percentileMicros(new long[] { 7000 }, 0.999)).isEqualTo(7.0);
	}

	@Test
	void frameReaderSplitsCoalescedAndPartialFrames() throws IOException {
		Pipe pipe = Pipe.open();
		FrameReader reader = new FrameReader(pipe.source());
		ByteBuffer out = ByteBuffer.allocate(3 * (8 + 100));
		for (int i = 0; i < 3; i++) {
			out.putLong(100);
			out.put(new byte[100]);
		}
		out.flip();
		// Two frames and a half in one write, the rest later.
		ByteBuffer first = out.duplicate().limit(2 * 108 + 50);
		pipe.sink().write(first);
		assertThat(reader.next()).isEqualTo(100);
		assertThat(reader.frameStart()).isZero();
		assertThat(reader.next()).isEqualTo(100);
		assertThat(reader.frameStart()).isEqualTo(108);
		out.position(2 * 108 + 50);
		pipe.sink().write(out);
		assertThat(reader.next()).isEqualTo(100);
		pipe.sink().close();
		assertThat(reader.next()).isEqualTo(-1);
	}

	@Test
	void settingsFollowNngbench() {
		Settings s = Settings.parse(new String[] { "all", "-t", "tcp", "-n", "10", "-d", "0.5" }, 1);
		assertThat(s.tcp()).isTrue();
		assertThat(s.roundTrips()).isEqualTo(10);
		assertThat(s.warmup()).isEqualTo(2000);
		assertThat(s.sizesFor(Kind.REQREP)).isEqualTo(List.of(100, 4096));
		assertThat(s.sizesFor(Kind.PUSHPULL)).isEqualTo(List.of(100, 4096, 65536));
		assertThat(Settings.parse(s.toArgs().toArray(String[]::new), 0)).isEqualTo(s);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Settings.parse(new String[] { "-s", "0" }, 0).sizesFor(Kind.REQREP));
	}

}
