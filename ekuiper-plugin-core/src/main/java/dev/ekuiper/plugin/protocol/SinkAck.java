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
import java.util.Map;

/**
 * A sink's acknowledgement: {@code {}} when the message was handled,
 * {@code {"error":"…"}} when it was not.
 */
public final class SinkAck {

	private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);

	private SinkAck() {
	}

	/**
	 * Returns the success ack.
	 * @return {@code {}}
	 */
	public static byte[] ok() {
		return OK.clone();
	}

	/**
	 * Encodes a failure ack.
	 * @param error what failed; never empty, since an empty error means success
	 * @return the ack bytes
	 */
	public static byte[] error(String error) {
		return Json.mapper().writeValueAsBytes(Map.of("error", Texts.safeError(error)));
	}

}
