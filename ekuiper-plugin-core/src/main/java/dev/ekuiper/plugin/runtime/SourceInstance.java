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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.descriptor.ConfigSchema;
import dev.ekuiper.plugin.nng.NngClosedException;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngTimeoutException;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.SourceTuple;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.protocol.Texts;

/**
 * One source serving one rule: its PUSH socket dialed to the host's PULL, and the thread
 * running the user's {@link Source#open}.
 */
final class SourceInstance extends InstanceContext implements SymbolInstance, SourceContext {

	private static final VarHandle SENT;

	static {
		try {
			SENT = MethodHandles.lookup().findVarHandle(SourceInstance.class, "sent", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Source<Object> source;

	private final PushSocket push;

	private final SymbolState state;

	private final RuntimeObserver.SourceObserver observer;

	private final Duration stopTimeout;

	private final Secrets secrets;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final FailureLog failures;

	private final AtomicLong dropped = new AtomicLong();

	/**
	 * Records sent; written by the source's thread only, with opaque stores that cost no
	 * fence on the emit path, and read by health checks.
	 */
	private long sent;

	/** What the last health check saw, guarded by {@code this}. */
	private long sentAtLastCheck = -1;

	private long quietSince;

	private long peerGoneSince;

	private volatile boolean running = true;

	private Thread thread;

	private SourceInstance(String symbol, SymbolMeta meta, Source<Object> source, PushSocket push, SymbolState state,
			RuntimeObserver observer, Duration stopTimeout, Secrets secrets) {
		super(symbol, meta);
		this.secrets = secrets;
		this.source = source;
		this.push = push;
		this.state = state;
		this.observer = observer.sourceStarted(symbol, meta);
		this.stopTimeout = stopTimeout;
		this.failures = new FailureLog(logger());
	}

	/**
	 * Configures a source, connects its channel and starts it on its own thread.
	 * @param secrets masks the secret values of {@code config} in error texts
	 */
	@SuppressWarnings("unchecked")
	static SourceInstance start(Setup setup, String symbol, SymbolMeta meta, Source<?> created,
			Map<String, Object> config, Secrets secrets, String url) throws StartException {
		Source<Object> source = (Source<Object>) created;
		String what = "source '" + symbol + "'";
		Object bound = setup.bind(what, meta.ruleId(), config, ConfigSchema.configType(source.getClass(), Source.class),
				secrets);
		setup.run(what, meta.ruleId(), "configure", secrets, () -> source.configure(bound));
		PushSocket push = new PushSocket();
		try {
			push.setSendTimeout(setup.settings().sendTimeout());
			push.dial(url);
		}
		catch (NngException ex) {
			push.close();
			throw StartException.failed(what, meta.ruleId(), "connect", url + ": " + Texts.typed(ex), ex);
		}
		SourceInstance instance = new SourceInstance(symbol, meta, source, push, setup.state(PluginType.SOURCE, symbol),
				setup.observer(), setup.settings().stopTimeout(), secrets);
		instance.state.started();
		instance.thread = new Thread(instance::run, "ekuiper-source-" + meta.channelKey());
		instance.thread.setDaemon(true);
		instance.thread.start();
		return instance;
	}

	@Override
	public boolean emit(Object message, Map<String, ?> meta) {
		if (!this.running) {
			return false;
		}
		return send(SourceTuple.encode(message, meta));
	}

	@Override
	public boolean emitError(String error) {
		if (!this.running) {
			return false;
		}
		return send(SourceTuple.error(error));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean awaitStop(Duration timeout) throws InterruptedException {
		return this.stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Returns how many records were dropped because the host did not read in time.
	 * @return the drop count
	 */
	long droppedRecords() {
		return this.dropped.get();
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.stopped.countDown();
		this.push.close();
		Thread closer = new Thread(() -> {
			try {
				this.source.close(this);
			}
			catch (Exception ex) {
				String error = Texts
					.shorten(this.secrets.redact("source '" + symbolName() + "': close failed: " + Texts.typed(ex)));
				this.failures.warn(ruleId(), error, ex, !this.secrets.isEmpty());
			}
		}, "ekuiper-source-close-" + meta().channelKey());
		closer.setDaemon(true);
		closer.start();
		try {
			closer.join(this.stopTimeout.toMillis());
			this.thread.interrupt();
			this.thread.join(Math.max(1, this.stopTimeout.toMillis() / 5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.state.stopped();
		this.observer.stopped();
	}

	/**
	 * A source is quiet when two checks at least the idle time apart saw the same count
	 * of records sent; its peer is gone when eKuiper's end of the data channel is not
	 * connected.
	 */
	@Override
	public synchronized void checkHealth(HealthCheck check) {
		if (!this.running) {
			return;
		}
		long count = (long) SENT.getOpaque(this);
		this.quietSince = check.lasting(count == this.sentAtLastCheck, this.quietSince, check.sourceIdleAfter(),
				PluginType.SOURCE, symbolName(), ruleId(), "emitted nothing");
		this.sentAtLastCheck = count;
		this.peerGoneSince = check.lasting(this.push.pipeCount() == 0, this.peerGoneSince, check.peerGoneAfter(),
				PluginType.SOURCE, symbolName(), ruleId(), "eKuiper is not connected to its data channel");
	}

	private boolean send(byte[] tuple) {
		try {
			this.push.send(tuple);
			SENT.setOpaque(this, this.sent + 1);
			this.observer.emitted();
			return true;
		}
		catch (NngTimeoutException ex) {
			long count = this.dropped.incrementAndGet();
			this.observer.dropped();
			if (Long.bitCount(count) == 1) {
				logger().warn("Source {} of rule {}: eKuiper is not reading; {} record(s) dropped so far", symbolName(),
						ruleId(), count);
			}
			return false;
		}
		catch (NngClosedException ex) {
			return false;
		}
		catch (NngException ex) {
			logger().warn("Source {} of rule {}: send failed: {}", symbolName(), ruleId(), ex.getMessage());
			return false;
		}
	}

	private void run() {
		try {
			this.source.open(this);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception | LinkageError ex) {
			if (this.running) {
				String error = Texts.shorten(this.secrets.redact("source '" + symbolName() + "': " + Texts.typed(ex)));
				this.state.failed(error);
				this.failures.warn(ruleId(), error, ex, !this.secrets.isEmpty());
				emitError(error);
			}
		}
	}

}
