package dev.ekuiper.plugin.nng.interop;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/**
 * The one bound on every wait in these tests, and a quick-polling wait for a condition.
 */
final class Waits {

	/** Bound on every wait for a message, a connection, a condition or a process. */
	static final Duration WAIT = Duration.ofSeconds(10);

	private Waits() {
	}

	/**
	 * Waits for a condition, polling often, up to {@link #WAIT}.
	 * @param condition what to wait for
	 */
	static void awaitUntil(Callable<Boolean> condition) {
		await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(condition);
	}

}
