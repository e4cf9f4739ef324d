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
package dev.ekuiper.plugin.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/**
 * Logs the exceptions a symbol throws at WARN, with the stack trace, without flooding the
 * log: per rule, the first failure is logged, then at most one every 10 s, which says how
 * many were suppressed since the last one. A rule that fails on every record thus costs a
 * line every 10 s, not one per record. When the symbol's configuration holds secrets, a
 * failure is logged as its masked one-line text only, since a stack trace would show an
 * exception's message as it is.
 */
final class FailureLog {

	static final Duration INTERVAL = Duration.ofSeconds(10);

	/** Rules served by one function at most before the oldest windows are forgotten. */
	private static final int MAX_RULES = 1024;

	private final Logger logger;

	private final long intervalNanos;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	FailureLog(Logger logger) {
		this(logger, INTERVAL);
	}

	FailureLog(Logger logger, Duration interval) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Logs a failure unless one of the same rule was logged less than the interval ago.
	 * @param ruleId the rule, empty for none
	 * @param line the one-line text answered to the host, secrets masked
	 * @param ex what was thrown, or {@code null}
	 * @param secrets whether the configuration holds secrets: then no stack trace
	 * @return whether it was logged
	 */
	boolean warn(String ruleId, String line, Throwable ex, boolean secrets) {
		if (this.windows.size() > MAX_RULES) {
			this.windows.clear();
		}
		long suppressed = this.windows.computeIfAbsent(ruleId, (key) -> new Window()).admit(this.intervalNanos);
		if (suppressed < 0) {
			return false;
		}
		String rule = ruleId.isEmpty() ? "" : " (rule '" + ruleId + "')";
		String more = (suppressed > 0) ? " (" + suppressed + " similar suppressed)" : "";
		if (ex != null && !secrets) {
			this.logger.warn("{}{}{}", line, rule, more, ex);
		}
		else {
			this.logger.warn("{}{}{}", line, rule, more);
		}
		return true;
	}

	/** When the last line of one rule was logged and how many were suppressed since. */
	private static final class Window {

		private long lastLogged;

		private boolean logged;

		private long suppressed;

		/**
		 * Returns how many were suppressed before this one if it is to be logged, else
		 * -1.
		 */
		synchronized long admit(long intervalNanos) {
			long now = System.nanoTime();
			if (this.logged && now - this.lastLogged < intervalNanos) {
				this.suppressed++;
				return -1;
			}
			long count = this.suppressed;
			this.logged = true;
			this.lastLogged = now;
			this.suppressed = 0;
			return count;
		}

	}

}
