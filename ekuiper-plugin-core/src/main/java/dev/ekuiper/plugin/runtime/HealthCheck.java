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
import java.util.ArrayList;
import java.util.List;

import dev.ekuiper.plugin.protocol.PluginType;

/**
 * One look at the health of the running symbols: the thresholds it applies and the faults
 * it found. A condition that needs time to become a fault (a peer gone, a source quiet)
 * is timed by the symbol from the first look that saw it.
 */
final class HealthCheck {

	private final long now = System.nanoTime();

	private final Duration peerGoneAfter;

	private final Duration sourceIdleAfter;

	private final List<SymbolFault> faults = new ArrayList<>();

	/**
	 * Creates a look.
	 * @param peerGoneAfter how long a channel's peer may be gone
	 * @param sourceIdleAfter how long a source may emit nothing; zero for no limit
	 */
	HealthCheck(Duration peerGoneAfter, Duration sourceIdleAfter) {
		this.peerGoneAfter = peerGoneAfter;
		this.sourceIdleAfter = sourceIdleAfter;
	}

	/**
	 * Times a condition from the first look that saw it, and reports a fault once it has
	 * lasted long enough.
	 * @param holds whether the condition holds now
	 * @param since when it was first seen ({@link System#nanoTime()}), or {@code 0}
	 * @param after how long it may last before it is a fault; zero for never
	 * @return when it was first seen, for the next look; {@code 0} once it no longer
	 * holds
	 */
	long lasting(boolean holds, long since, Duration after, PluginType type, String symbol, String ruleId,
			String problem) {
		long start = !holds ? 0 : (since != 0) ? since : this.now;
		if (start != 0 && !after.isZero() && this.now - start >= after.toNanos()) {
			report(start, type, symbol, ruleId, problem);
		}
		return start;
	}

	/** Reports a fault that is one as soon as it holds. */
	void report(long since, PluginType type, String symbol, String ruleId, String problem) {
		this.faults
			.add(new SymbolFault(type, symbol, ruleId, problem, Duration.ofNanos(Math.max(0, this.now - since))));
	}

	Duration peerGoneAfter() {
		return this.peerGoneAfter;
	}

	Duration sourceIdleAfter() {
		return this.sourceIdleAfter;
	}

	List<SymbolFault> faults() {
		return List.copyOf(this.faults);
	}

}
