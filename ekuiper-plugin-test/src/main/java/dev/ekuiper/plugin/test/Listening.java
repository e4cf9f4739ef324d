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
