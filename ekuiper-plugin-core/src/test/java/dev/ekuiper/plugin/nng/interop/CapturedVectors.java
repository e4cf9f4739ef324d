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
package dev.ekuiper.plugin.nng.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SP byte vectors captured from libnng peers, read from
 * {@code shared/sp-vectors/captured.json} next to the repository.
 */
final class CapturedVectors {

	private final Map<String, Vector> vectors;

	private CapturedVectors(Map<String, Vector> vectors) {
		this.vectors = vectors;
	}

	/**
	 * Loads the vectors, failing in CI and skipping elsewhere when the file is missing.
	 * @return the vectors
	 */
	static CapturedVectors load() {
		Path file = Peers.sharedFolder().resolve("sp-vectors").resolve("captured.json");
		if (!Files.isRegularFile(file)) {
			Peers.missing("the captured SP vectors are missing: " + file);
		}
		Map<String, Vector> vectors = new LinkedHashMap<>();
		for (JsonNode node : new JsonMapper().readTree(file)) {
			Vector vector = new Vector(node.get("name").asString(),
					Transport.valueOf(node.get("transport").asString().toUpperCase()), node.get("direction").asString(),
					Bytes.fromHex(node.get("hex").asString()), node.get("note").asString());
			vectors.put(vector.name(), vector);
		}
		return new CapturedVectors(vectors);
	}

	/**
	 * Returns a vector by transport and the rest of its name.
	 * @param transport the transport, the first part of the name
	 * @param name the rest of the name, e.g. {@code req-handshake}
	 * @return the vector
	 */
	Vector get(Transport transport, String name) {
		return get(transport.name().toLowerCase() + "-" + name);
	}

	/**
	 * Returns a vector by its full name.
	 * @param name e.g. {@code ipc-req-handshake}
	 * @return the vector
	 */
	Vector get(String name) {
		Vector vector = this.vectors.get(name);
		if (vector == null) {
			throw new IllegalArgumentException("no captured vector '" + name + "' in " + this.vectors.keySet());
		}
		return vector;
	}

	/**
	 * Returns every vector, in file order.
	 * @return the vectors
	 */
	List<Vector> all() {
		return List.copyOf(this.vectors.values());
	}

	/**
	 * One captured or crafted run of bytes that one side wrote.
	 *
	 * @param name unique name, starting with the transport
	 * @param transport the transport it was seen on
	 * @param direction the roles, e.g. {@code req->rep}
	 * @param bytes a header, or one whole frame with its prefix
	 * @param note what it is and how libnng reacts to it
	 */
	record Vector(String name, Transport transport, String direction, byte[] bytes, String note) {

		/**
		 * Returns the frame's content: the bytes after the framing prefix.
		 * @return protocol header and body
		 */
		byte[] content() {
			int prefix = (this.transport == Transport.IPC) ? 9 : 8;
			return Arrays.copyOfRange(this.bytes, prefix, this.bytes.length);
		}

		/**
		 * Returns the frame's body after {@code words} protocol header words.
		 * @param words how many 4-byte words precede the body
		 * @return the body
		 */
		byte[] body(int words) {
			byte[] content = content();
			return Arrays.copyOfRange(content, 4 * words, content.length);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
