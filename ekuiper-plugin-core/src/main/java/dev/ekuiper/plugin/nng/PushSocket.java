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

import dev.ekuiper.plugin.nng.transport.Pipe;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;

/**
 * PUSH0: hands each message to one connected PULL peer, in turn among the peers ready to
 * take one. With no peer ready, a send waits up to the send timeout.
 */
public final class PushSocket extends NngSocket {

	private static final int[] NO_WORDS = new int[0];

	/** Opens a PUSH0 socket with no connections. */
	public PushSocket() {
		super(Protocol.PUSH0);
	}

	/**
	 * Sends a message to one peer. The array must not be changed until this returns.
	 * @param body the message
	 * @throws NngTimeoutException if no peer could take it within the send timeout
	 * @throws NngClosedException if the socket is closed
	 * @throws NngException if interrupted
	 */
	public void send(byte[] body) throws NngException {
		sendToAnyPipe(NO_WORDS, 0, body);
	}

	@Override
	boolean onFrame(Pipe pipe, FrameDecoder frame) {
		// A PULL peer sends nothing; drop whatever a misbehaving one does.
		return true;
	}

}
