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

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper the protocol uses: lenient about unknown properties, since eKuiper adds
 * keys of its own to every configuration. Messages on the data path are written with one
 * generator per thread, kept across messages: creating a generator per message cost twice
 * the time and three times the garbage of a small message itself.
 */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

	private Json() {
	}

	/**
	 * Returns the shared mapper.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Returns this thread's encoder, ready for one value: write it to
	 * {@link Encoder#generator()}, then call {@link Encoder#finish()}, or
	 * {@link Encoder#abandon()} if writing failed.
	 * @return the encoder
	 */
	static Encoder encoder() {
		Encoder encoder = ENCODERS.get();
		// Called while this thread's generator writes (from a serialiser): use a fresh
		// one.
		return (encoder.busy ? new Encoder() : encoder).start();
	}

	/** A generator over a byte builder that is reset for every value. */
	static final class Encoder {

		private final ByteArrayBuilder out = new ByteArrayBuilder(256);

		private JsonGenerator generator;

		private boolean busy;

		private Encoder start() {
			if (this.generator == null) {
				// No separator between the root values: one per message.
				this.generator = MAPPER.writer().withRootValueSeparator((String) null).createGenerator(this.out);
			}
			this.out.reset();
			this.busy = true;
			return this;
		}

		/** The generator to write the one value to. */
		JsonGenerator generator() {
			return this.generator;
		}

		/** Returns the bytes of the value written. */
		byte[] finish() throws JacksonException {
			try {
				this.generator.flush();
			}
			finally {
				this.busy = false;
			}
			return this.out.toByteArray();
		}

		/**
		 * Drops a generator left in the middle of a value; the next value gets a fresh
		 * one.
		 */
		void abandon() {
			this.generator = null;
			this.busy = false;
		}

	}

}
