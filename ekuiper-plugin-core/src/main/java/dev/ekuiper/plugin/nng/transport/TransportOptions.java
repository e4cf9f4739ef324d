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
package dev.ekuiper.plugin.nng.transport;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * Connection settings shared by a socket's dialers, listeners and pipes. Changes apply to
 * connections made afterwards. Thread-safe.
 */
public final class TransportOptions {

	/** Default largest message accepted: 16 MiB. */
	public static final long DEFAULT_MAX_RECEIVE_SIZE = 16L * 1024 * 1024;

	private volatile long maxReceiveSize = DEFAULT_MAX_RECEIVE_SIZE;

	private volatile int maxTtl = 8;

	private volatile Duration reconnectMin = Duration.ofMillis(100);

	private volatile Duration reconnectMax = Duration.ofSeconds(5);

	private volatile Duration handshakeTimeout = Duration.ofSeconds(10);

	private volatile Set<PosixFilePermission> ipcPermissions = PosixFilePermissions.fromString("rw-------");

	/**
	 * Returns the largest message content accepted, in bytes; 0 means no limit.
	 * @return the max receive size
	 */
	public long maxReceiveSize() {
		return this.maxReceiveSize;
	}

	/**
	 * Sets the largest message content accepted. A peer that sends more loses its
	 * connection, as with libnng.
	 * @param bytes the limit in bytes; 0 for no limit
	 */
	public void maxReceiveSize(long bytes) {
		if (bytes < 0) {
			throw new IllegalArgumentException("max receive size must not be negative: " + bytes);
		}
		this.maxReceiveSize = bytes;
	}

	/**
	 * Returns the most backtrace words (hops plus request id) a REP accepts.
	 * @return the max TTL
	 */
	public int maxTtl() {
		return this.maxTtl;
	}

	/**
	 * Sets the most backtrace words a REP accepts; longer requests are dropped.
	 * @param ttl 1 to 15
	 */
	public void maxTtl(int ttl) {
		if (ttl < 1 || ttl > 15) {
			throw new IllegalArgumentException("max TTL must be between 1 and 15: " + ttl);
		}
		this.maxTtl = ttl;
	}

	/**
	 * Returns the first wait before a dialer retries.
	 * @return the minimum reconnect interval
	 */
	public Duration reconnectMin() {
		return this.reconnectMin;
	}

	/**
	 * Returns the longest wait between a dialer's retries.
	 * @return the maximum reconnect interval
	 */
	public Duration reconnectMax() {
		return this.reconnectMax;
	}

	/**
	 * Sets the dialer back-off: the wait starts at {@code min} and doubles up to
	 * {@code max} after each failed attempt.
	 * @param min first wait, positive
	 * @param max longest wait, at least {@code min}
	 */
	public void reconnect(Duration min, Duration max) {
		if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
			throw new IllegalArgumentException("reconnect interval needs 0 < min <= max: " + min + ", " + max);
		}
		this.reconnectMin = min;
		this.reconnectMax = max;
	}

	/**
	 * Returns how long a new connection may take to send its SP header.
	 * @return the handshake timeout
	 */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	/**
	 * Sets how long a new connection may take to send its SP header before it is closed.
	 * @param timeout a positive duration
	 */
	public void handshakeTimeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("handshake timeout must be positive: " + timeout);
		}
		this.handshakeTimeout = timeout;
	}

	/**
	 * Returns the permissions an ipc listener gives its socket file.
	 * @return the permissions
	 */
	public Set<PosixFilePermission> ipcPermissions() {
		return this.ipcPermissions;
	}

	/**
	 * Sets the permissions an ipc listener gives its socket file before any peer can
	 * connect; owner-only ({@code rw-------}) by default.
	 * @param permissions permissions in {@code ls} form, e.g. {@code rw-rw----}
	 */
	public void ipcPermissions(String permissions) {
		this.ipcPermissions = Set.copyOf(PosixFilePermissions.fromString(permissions));
	}

}
