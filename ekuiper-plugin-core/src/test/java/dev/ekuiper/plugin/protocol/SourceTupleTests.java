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
package dev.ekuiper.plugin.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SourceTuple#encode}: the exact bytes, and that a record that cannot be
 * encoded leaves the next one on the same thread intact.
 */
class SourceTupleTests {

	@Test
	void encodesMessageAndMetaAsTheHostReadsThem() {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("temperature", 21.5);
		message.put("sensor", "s1");
		assertThat(text(SourceTuple.encode(message, Map.of("topic", "t"))))
			.isEqualTo("{\"message\":{\"temperature\":21.5,\"sensor\":\"s1\"},\"meta\":{\"topic\":\"t\"}}");
		assertThat(text(SourceTuple.encode(Map.of("n", 1), null))).isEqualTo("{\"message\":{\"n\":1},\"meta\":null}");
	}

	@Test
	void encodesARecordMessage() {
		assertThat(text(SourceTuple.encode(new Reading("s1", 3), null)))
			.isEqualTo("{\"message\":{\"sensor\":\"s1\",\"count\":3},\"meta\":null}");
	}

	@Test
	void messageThatIsNotAnObjectIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SourceTuple.encode(List.of(1, 2), null))
			.withMessageContaining("must be a JSON object, not array");
	}

	@Test
	void recordThatFailsHalfWayLeavesTheNextRecordIntact() {
		Map<String, Object> broken = new LinkedHashMap<>();
		broken.put("ok", 1);
		broken.put("bad", new Unserializable());
		for (int i = 0; i < 3; i++) {
			assertThatIllegalArgumentException().isThrownBy(() -> SourceTuple.encode(broken, null))
				.withMessageContaining("cannot be encoded as JSON");
			assertThat(text(SourceTuple.encode(Map.of("n", i), Map.of("i", i))))
				.isEqualTo("{\"message\":{\"n\":" + i + "},\"meta\":{\"i\":" + i + "}}");
		}
	}

	@Test
	void threadsEncodeIndependently() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				results.add(executor.submit(() -> {
					for (int i = 0; i < 10_000; i++) {
						String expected = "{\"message\":{\"t\":" + thread + ",\"i\":" + i + "},\"meta\":null}";
						Map<String, Object> message = new LinkedHashMap<>();
						message.put("t", thread);
						message.put("i", i);
						if (!expected.equals(text(SourceTuple.encode(message, null)))) {
							return false;
						}
					}
					return true;
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** A record message. */
	record Reading(String sensor, int count) {
	}

	/** A value whose serialisation fails part-way through the record. */
	static final class Unserializable {

		public String getValue() {
			throw new IllegalStateException("no value");
		}

	}

}
