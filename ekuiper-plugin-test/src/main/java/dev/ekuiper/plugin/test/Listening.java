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
package dev.ekuiper.plugin.test;

import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngSocket;

/**
 * Listens the way eKuiper does: up to six attempts, 100 ms apart.
 */
final class Listening {

	private static final int ATTEMPTS = 6;

	private static final long PAUSE_MILLIS = 100;

	private Listening() {
	}

	/**
	 * Listens on an address, closing the socket if every attempt fails.
	 * @throws HostException naming the address and the last failure
	 */
	static <S extends NngSocket> S listen(S socket, String url) {
		NngException failure = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				socket.listen(url);
				return socket;
			}
			catch (NngException ex) {
				failure = ex;
			}
			pause();
		}
		socket.close();
		throw new HostException(
				"can't listen on " + socket.protocol() + " socket for " + url + ": " + failure.getMessage(), failure);
	}

	private static void pause() {
		try {
			Thread.sleep(PAUSE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HostException("interrupted while listening", ex);
		}
	}

}
