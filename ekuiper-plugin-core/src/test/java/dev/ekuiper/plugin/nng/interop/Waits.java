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
