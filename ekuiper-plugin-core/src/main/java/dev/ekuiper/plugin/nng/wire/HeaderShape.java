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

/**
 * What a protocol puts in front of the message body inside a frame. The frame decoder
 * splits these 4-byte words off, so the body lands in its own array with no copy.
 */
public enum HeaderShape {

	/** No protocol header (PUSH/PULL). */
	NONE,

	/** Exactly one word, the request id with its top bit set (a reply seen by REQ). */
	REQUEST_ID,

	/**
	 * Hop words followed by the request id, the first word with its top bit set (a
	 * request seen by REP). Backtraces longer than the socket's max TTL are dropped.
	 */
	BACKTRACE

}
