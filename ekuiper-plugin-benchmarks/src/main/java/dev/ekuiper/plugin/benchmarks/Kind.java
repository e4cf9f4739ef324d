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
package dev.ekuiper.plugin.benchmarks;

/** The four measured shapes, named as nngbench names them in its output lines. */
enum Kind {

	/** REQ client and REP echo over this SDK's NNG transport. */
	REQREP("reqrep", true),

	/** PUSH to PULL over this SDK's NNG transport. */
	PUSHPULL("pushpull", false),

	/** Ping-pong over a plain Unix-domain socket channel. */
	RAWPP("rawuds-pingpong", true),

	/** One-way stream over a plain Unix-domain socket channel. */
	RAWSTREAM("rawuds-stream", false),

	/**
	 * Control experiment: raw ping-pong with one thread hand-off per received message, as
	 * the transport's pipes do it ({@link HandoffChannel}). Only with mode
	 * {@code handoff}.
	 */
	RAWHANDOFF("rawuds-handoff", true);

	private final String label;

	private final boolean roundTrip;

	Kind(String label, boolean roundTrip) {
		this.label = label;
		this.roundTrip = roundTrip;
	}

	String label() {
		return this.label;
	}

	/** Round trips (latency percentiles) rather than a one-way stream (rate only). */
	boolean roundTrip() {
		return this.roundTrip;
	}

	boolean raw() {
		return this == RAWPP || this == RAWSTREAM || this == RAWHANDOFF;
	}

}
