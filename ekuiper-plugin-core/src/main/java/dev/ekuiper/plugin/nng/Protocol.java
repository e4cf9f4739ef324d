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
package dev.ekuiper.plugin.nng;

import dev.ekuiper.plugin.nng.wire.HeaderShape;

/**
 * The SP protocols this transport speaks, with their wire numbers and the one peer
 * protocol each accepts.
 */
public enum Protocol {

	/** Request side of request/reply. */
	REQ0(0x30, 0x31, HeaderShape.REQUEST_ID),

	/** Reply side of request/reply. */
	REP0(0x31, 0x30, HeaderShape.BACKTRACE),

	/** Sending side of a pipeline. */
	PUSH0(0x50, 0x51, HeaderShape.NONE),

	/** Receiving side of a pipeline. */
	PULL0(0x51, 0x50, HeaderShape.NONE);

	private final int number;

	private final int peerNumber;

	private final HeaderShape receivedHeader;

	Protocol(int number, int peerNumber, HeaderShape receivedHeader) {
		this.number = number;
		this.peerNumber = peerNumber;
		this.receivedHeader = receivedHeader;
	}

	/**
	 * Returns the number this protocol announces in the connection header.
	 * @return the 16-bit protocol number
	 */
	public int number() {
		return this.number;
	}

	/**
	 * Returns the only protocol number accepted from a peer.
	 * @return the peer's 16-bit protocol number
	 */
	public int peerNumber() {
		return this.peerNumber;
	}

	/**
	 * Returns the header shape of the frames this protocol receives.
	 * @return the received header shape
	 */
	public HeaderShape receivedHeader() {
		return this.receivedHeader;
	}

}
