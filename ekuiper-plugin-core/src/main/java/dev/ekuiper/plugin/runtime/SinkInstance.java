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
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ekuiper.plugin.api.Acknowledgment;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.descriptor.ConfigSchema;
import dev.ekuiper.plugin.nng.NngClosedException;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngMessageTooLargeException;
import dev.ekuiper.plugin.nng.NngTimeoutException;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.ProtocolException;
import dev.ekuiper.plugin.protocol.SinkAck;
import dev.ekuiper.plugin.protocol.SinkOptions;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.protocol.Texts;

/**
 * One sink serving one rule action: a PULL listening for the host's data, an optional
 * PUSH dialed to the host's ack socket, and the thread calling the user's
 * {@link Sink#collect} and acknowledging each message. eKuiper waits for each ack without
 * a time limit, so when acks are asked for, each {@code collect} is timed by the
 * {@link CallWatchdog}: one that takes longer than the function timeout is acknowledged
 * with an error, a fresh sink thread serves on, and it acknowledges every message that
 * arrives while the late collect still runs with an error too.
 *
 * <p>
 * A collect may {@linkplain #deferAck() defer} its ack to a handle answered later, from
 * any thread. eKuiper matches acks to messages by order alone, so acks leave in message
 * order: an answer given out of order waits for the earlier ones. Each deferred ack is
 * due within the function timeout of its message's arrival, else the sink thread answers
 * it with an error; at stop, after the sink's {@code close}, the runtime answers what is
 * still outstanding with an error before the ack channel closes. While nothing is
 * deferred, acks go out as before, without any allocation.
 *
 * <p>
 * A stop wakes the sink thread at once. It collects and acks what is queued and, for up
 * to 50 ms, what a host still connected sends; with acks, the data channel closes before
 * the last ack, so the host's next message fails to send instead of being taken and never
 * answered.
 */
final class SinkInstance extends InstanceContext implements SymbolInstance, SinkContext {

	private static final Duration POLL = Duration.ofMillis(200);

	/**
	 * After a stop, how long to keep taking messages from a host that is still connected.
	 */
	private static final Duration DRAIN = Duration.ofMillis(50);

	private static final Duration DRAIN_POLL = Duration.ofMillis(5);

	/** How often the sink thread looks for deferred acks that are overdue. */
	private static final Duration DEFERRED_POLL = Duration.ofMillis(20);

	/** The handle given when no acks are due: answering it does nothing. */
	private static final Acknowledgment NO_ACK = new Acknowledgment() {

		@Override
		public void ok() {
		}

		@Override
		public void error(String message) {
		}

	};

	/** The sink thread waits in a receive: a stop may interrupt it. */
	private static final int RECEIVING = 0;

	/** The sink thread collects, acks or closes: it must not be interrupted. */
	private static final int BUSY = 1;

	/**
	 * A stop interrupted the receive; the sink thread clears the interrupt and drains.
	 */
	private static final int WOKEN = 2;

	private final Sink<Object> sink;

	private final PullSocket pull;

	private final PushSocket ack;

	private final SymbolState state;

	private final RuntimeObserver.SinkObserver observer;

	private final Duration stopTimeout;

	private final CallWatchdog callWatchdog;

	private final Secrets secrets;

	private final FailureLog failures;

	/**
	 * Guards the order of acks: {@link #pending}, {@link #current}, {@link #collector}.
	 */
	private final Object ackLock = new Object();

	/**
	 * Acks waiting for an earlier deferred one, in message order; empty while nothing is
	 * deferred.
	 */
	private final ArrayDeque<Pending> pending = new ArrayDeque<>();

	/** How many deferred acks are not answered yet. */
	private volatile int outstanding;

	/** The deferred ack of the collect running now, if it deferred. */
	private Pending current;

	/** The thread running a collect whose ack is due, while it runs. */
	private Thread collector;

	/** When the message being collected arrived. */
	private long arrived;

	/** Set once the sink is closed: later answers are ignored. */
	private boolean closed;

	/** Collects that ran past their timeout and have not returned yet. */
	private final AtomicInteger overruns = new AtomicInteger();

	/** When the first collect still running now overran; {@code 0} while none does. */
	private volatile long overrunSince;

	/** What the last health check saw, guarded by {@code this}. */
	private long dataPeerGoneSince;

	private long ackPeerGoneSince;

	/** The watch of the thread serving now, when acks are due. */
	private volatile CallWatchdog.Watch watch;

	/**
	 * What the sink thread does, so that a stop wakes a receive at once but never
	 * disturbs a collect.
	 */
	private final AtomicInteger phase = new AtomicInteger(BUSY);

	private volatile boolean running = true;

	/** The thread serving now; replaced when a collect overruns. */
	private volatile Thread thread;

	private SinkInstance(String symbol, SymbolMeta meta, Sink<Object> sink, PullSocket pull, PushSocket ack,
			SymbolState state, RuntimeObserver observer, RuntimeSettings settings, CallWatchdog callWatchdog,
			Secrets secrets) {
		super(symbol, meta);
		this.secrets = secrets;
		this.sink = sink;
		this.pull = pull;
		this.ack = ack;
		this.state = state;
		this.observer = observer.sinkStarted(symbol, meta);
		this.stopTimeout = settings.stopTimeout();
		this.callWatchdog = callWatchdog;
		this.failures = new FailureLog(logger());
	}

	/**
	 * Configures and opens a sink, listens on its data channel and, when acks are asked
	 * for, connects the ack channel, all before the host is answered (the host dials the
	 * data channel once, right after {@code ok}).
	 * @param secrets masks the secret values of {@code config} in error texts and acks
	 */
	@SuppressWarnings("unchecked")
	static SinkInstance start(Setup setup, String symbol, SymbolMeta meta, Sink<?> created, Map<String, Object> config,
			Secrets secrets, String dataUrl, String ackUrl) throws StartException {
		Sink<Object> sink = (Sink<Object>) created;
		String what = "sink '" + symbol + "'";
		boolean requireAck;
		try {
			requireAck = SinkOptions.requireAck(config);
		}
		catch (ProtocolException ex) {
			throw StartException.failed(what, meta.ruleId(), "config", ex.getMessage(), null);
		}
		Object bound = setup.bind(what, meta.ruleId(), config, ConfigSchema.configType(sink.getClass(), Sink.class),
				secrets);
		RuntimeSettings settings = setup.settings();
		PullSocket pull = new PullSocket();
		PushSocket ack = null;
		try {
			// A larger payload is skipped by the transport without being held, then
			// refused
			// with an error ack.
			pull.setMaxReceiveSize(settings.maxReceiveSize());
			pull.listen(dataUrl);
			if (requireAck) {
				ack = new PushSocket();
				ack.setSendTimeout(settings.sendTimeout());
				ack.dial(ackUrl);
			}
		}
		catch (NngException ex) {
			pull.close();
			if (ack != null) {
				ack.close();
			}
			throw StartException.failed(what, meta.ruleId(), "listen", Texts.typed(ex), ex);
		}
		SinkInstance instance = new SinkInstance(symbol, meta, sink, pull, ack, setup.state(PluginType.SINK, symbol),
				setup.observer(), settings, setup.callWatchdog(), secrets);
		try {
			setup.run(what, meta.ruleId(), "configure", secrets, () -> sink.configure(bound));
			setup.run(what, meta.ruleId(), "open", secrets, () -> sink.open(instance));
		}
		catch (StartException ex) {
			instance.closeSockets();
			throw ex;
		}
		instance.state.started();
		instance.serveOnNewThread(null);
		return instance;
	}

	@Override
	public boolean requireAck() {
		return this.ack != null;
	}

	@Override
	public Acknowledgment deferAck() {
		if (this.ack == null) {
			return NO_ACK;
		}
		synchronized (this.ackLock) {
			if (this.collector != Thread.currentThread()) {
				throw new IllegalStateException("deferAck() is only allowed during collect, on its thread");
			}
			if (this.current == null) {
				this.current = new Pending(this.arrived + this.callWatchdog.timeout().toNanos());
				this.pending.addLast(this.current);
				this.outstanding++;
			}
			return this.current;
		}
	}

	/**
	 * A sink stopped acknowledging while a collect runs past the call timeout (every
	 * message meanwhile is refused); a peer is gone when eKuiper's end of the data or ack
	 * channel is not connected.
	 */
	@Override
	public synchronized void checkHealth(HealthCheck check) {
		if (!this.running) {
			return;
		}
		long since = this.overrunSince;
		if (this.overruns.get() > 0 && since != 0) {
			check.report(since, PluginType.SINK, symbolName(), ruleId(), "a collect is still running past the "
					+ this.callWatchdog.timeout().toMillis() + " ms timeout; messages are refused meanwhile");
		}
		this.dataPeerGoneSince = check.lasting(this.pull.pipeCount() == 0, this.dataPeerGoneSince,
				check.peerGoneAfter(), PluginType.SINK, symbolName(), ruleId(),
				"eKuiper is not connected to its data channel");
		if (this.ack != null) {
			this.ackPeerGoneSince = check.lasting(this.ack.pipeCount() == 0, this.ackPeerGoneSince,
					check.peerGoneAfter(), PluginType.SINK, symbolName(), ruleId(),
					"eKuiper is not connected to its ack channel");
		}
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		Thread serving = this.thread;
		if (this.phase.compareAndSet(RECEIVING, WOKEN)) {
			serving.interrupt();
		}
		long deadline = System.nanoTime() + this.stopTimeout.toNanos();
		try {
			// A collect that overruns meanwhile hands serving on to a fresh thread: wait
			// for that one.
			do {
				serving = this.thread;
				serving.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			while (serving != this.thread && System.nanoTime() - deadline < 0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (serving.isAlive()) {
			logger().warn("Sink {} of rule {} did not finish collecting within {} ms; closing anyway", symbolName(),
					ruleId(), this.stopTimeout.toMillis());
			closeSockets();
			serving.interrupt();
		}
	}

	/** Starts a sink thread that acks {@code firstAck}, if any, then serves. */
	private void serveOnNewThread(Outcome firstAck) {
		Thread next = new Thread(() -> serve(firstAck), "ekuiper-sink-" + meta().channelKey());
		next.setDaemon(true);
		this.thread = next;
		next.start();
	}

	/**
	 * Receives, collects and acks until stopped, then closes the sink and its sockets. A
	 * thread whose collect overran returns without closing anything: the thread that took
	 * over serves on and closes.
	 */
	private void serve(Outcome firstAck) {
		if (firstAck != null) {
			acknowledge(firstAck);
		}
		synchronized (this.ackLock) {
			flush();
		}
		boolean retired = false;
		long drainUntil = 0;
		try {
			while (true) {
				Duration wait = POLL;
				if (this.outstanding > 0) {
					expireDeferred();
					wait = DEFERRED_POLL;
				}
				if (!this.running) {
					if (drainUntil == 0) {
						drainUntil = System.nanoTime() + DRAIN.toNanos();
					}
					// eKuiper closes its side before it sends stop: once that connection
					// is
					// gone, whatever it sent is queued here already.
					wait = (this.pull.pipeCount() == 0) ? Duration.ZERO : DRAIN_POLL;
				}
				byte[] payload;
				this.phase.set(RECEIVING);
				try {
					payload = this.pull.receive(wait);
				}
				catch (NngTimeoutException ex) {
					boolean wake = woken();
					if (this.running || wake) {
						continue;
					}
					if (this.pull.pipeCount() == 0 || System.nanoTime() - drainUntil >= 0) {
						break;
					}
					continue;
				}
				catch (NngClosedException ex) {
					woken();
					throw ex;
				}
				catch (NngMessageTooLargeException ex) {
					// Skipped by the transport, never held: refused with an error ack.
					woken();
					acknowledge(failed(Texts.tooLarge("Payload", ex.size(), ex.limit()), null));
					continue;
				}
				catch (NngException ex) {
					if (woken()) {
						// The stop's interrupt: what is already queued is still
						// collected.
						continue;
					}
					throw ex;
				}
				woken();
				if (!this.running && this.ack != null) {
					// eKuiper sends its next message only once this one is acked: closing
					// the
					// data channel first makes that send fail, so the next message is
					// refused
					// rather than taken and never answered.
					this.pull.close();
				}
				if (!collect(payload)) {
					retired = true;
					return;
				}
			}
		}
		catch (NngClosedException ex) {
			// stopped
		}
		catch (NngException ex) {
			logger().warn("sink '{}' (rule '{}'): receive failed: {}", symbolName(), ruleId(), ex.getMessage());
		}
		finally {
			if (!retired) {
				closeAll();
			}
		}
	}

	private void closeAll() {
		try {
			this.sink.close(this);
		}
		catch (Exception ex) {
			this.failures.warn(ruleId(), line("close failed: " + Texts.typed(ex)), ex, !this.secrets.isEmpty());
		}
		answerOutstanding();
		closeSockets();
		this.state.stopped();
		this.observer.stopped();
	}

	/**
	 * Leaves the receiving phase; returns whether a stop interrupted it, clearing the
	 * interrupt so that the drain and the collects that follow run undisturbed.
	 */
	private boolean woken() {
		if (this.phase.compareAndSet(RECEIVING, BUSY)) {
			return false;
		}
		if (this.phase.compareAndSet(WOKEN, BUSY)) {
			Thread.interrupted();
			return true;
		}
		return false;
	}

	/**
	 * Collects one message and acks it when acks are due.
	 * @return {@code false} if the collect overran and was acked for by the watchdog:
	 * this thread no longer serves
	 */
	private boolean collect(byte[] payload) {
		if (this.ack == null) {
			collectNow(payload);
			return true;
		}
		if (this.overruns.get() > 0) {
			acknowledge(failed("still busy with an earlier message that took longer than "
					+ this.callWatchdog.timeout().toMillis() + " ms", null));
			return true;
		}
		CallWatchdog.Watch current = this.watch;
		if (current == null || !current.isOwnedByCurrentThread()) {
			current = this.callWatchdog.watchCurrentThread(this::overran);
			this.watch = current;
		}
		long started = current.begin();
		synchronized (this.ackLock) {
			this.arrived = started;
			this.collector = Thread.currentThread();
		}
		Outcome outcome = collectNow(payload);
		if (!current.end()) {
			this.overruns.decrementAndGet();
			return false;
		}
		synchronized (this.ackLock) {
			this.collector = null;
			Pending deferred = this.current;
			if (deferred == null) {
				acknowledge(outcome);
				return true;
			}
			this.current = null;
			if (!outcome.success() && deferred.ack == null) {
				// collect threw after deferring: the error is answered at once.
				deferred.answer(outcome.ack(), false);
			}
			flush();
		}
		return true;
	}

	/**
	 * On the watchdog's thread: acks the overrunning collect with an error; a fresh
	 * thread serves on.
	 */
	private void overran(CallWatchdog.Watch expired) {
		if (this.overruns.getAndIncrement() == 0) {
			this.overrunSince = System.nanoTime();
		}
		Outcome timedOut = failed("collect timed out after " + this.callWatchdog.timeout().toMillis() + " ms", null);
		expired.owner().interrupt();
		synchronized (this.ackLock) {
			this.collector = null;
			Pending deferred = this.current;
			this.current = null;
			if (deferred != null) {
				if (deferred.ack == null) {
					deferred.answer(timedOut.ack(), false);
				}
				// The fresh thread sends it, in order.
				timedOut = null;
			}
		}
		serveOnNewThread(timedOut);
	}

	/**
	 * Sends the ack of one message when the rule asked for acks, or queues it behind
	 * deferred acks not answered yet.
	 */
	private void acknowledge(Outcome answer) {
		if (this.ack == null) {
			return;
		}
		synchronized (this.ackLock) {
			if (this.pending.isEmpty()) {
				send(answer.ack(), answer.success());
			}
			else {
				Pending queued = new Pending(0);
				queued.ack = answer.ack();
				queued.success = answer.success();
				this.pending.addLast(queued);
			}
		}
	}

	/**
	 * Sends the acks at the head of the queue that are answered; under {@link #ackLock}.
	 */
	private void flush() {
		Pending head;
		while ((head = this.pending.peekFirst()) != null && head.ack != null) {
			this.pending.removeFirst();
			if (!send(head.ack, head.success) && this.closed) {
				// Stopped and the host is gone: the rest cannot be delivered either.
				this.pending.clear();
				return;
			}
		}
	}

	private boolean send(byte[] answer, boolean success) {
		try {
			this.ack.send(answer);
			this.observer.acked(success);
			return true;
		}
		catch (NngException ex) {
			logger().warn("sink '{}' (rule '{}'): ack not delivered: {}", symbolName(), ruleId(), ex.getMessage());
			return false;
		}
	}

	/** On the sink thread: answers the deferred acks that are overdue with an error. */
	private void expireDeferred() {
		long now = System.nanoTime();
		synchronized (this.ackLock) {
			for (Pending deferred : this.pending) {
				if (deferred.ack == null && deferred != this.current && now - deferred.deadline >= 0) {
					String error = line("not acknowledged within " + this.callWatchdog.timeout().toMillis() + " ms");
					this.state.failed(error);
					this.failures.warn(ruleId(), error, null, false);
					deferred.answer(SinkAck.error(error), false);
				}
			}
			flush();
		}
	}

	/**
	 * After close: answers every deferred ack still outstanding with an error, in order.
	 */
	private void answerOutstanding() {
		if (this.ack == null) {
			return;
		}
		synchronized (this.ackLock) {
			this.closed = true;
			for (Pending deferred : this.pending) {
				if (deferred.ack == null) {
					String error = line("stopped before acknowledging");
					this.failures.warn(ruleId(), error, null, false);
					deferred.answer(SinkAck.error(error), false);
				}
			}
			flush();
		}
	}

	/** Calls collect and returns the ack for it. */
	private Outcome collectNow(byte[] payload) {
		try {
			this.sink.collect(this, new Payload(payload));
			this.observer.collected(true);
			return new Outcome(SinkAck.ok(), true);
		}
		catch (Exception | Error ex) {
			// On the sink's thread: whatever collect throws is reported, never fatal.
			return failed(Texts.typed(ex), ex);
		}
	}

	/** A failed collect: logged (rate-limited) and answered with an error ack. */
	private Outcome failed(String failure, Throwable ex) {
		String error = line(failure);
		this.state.failed(error);
		this.observer.collected(false);
		this.failures.warn(ruleId(), error, ex, !this.secrets.isEmpty());
		return new Outcome(SinkAck.error(error), false);
	}

	/**
	 * The one-line text for the host: the sink's name, then the failure, secrets masked.
	 */
	private String line(String failure) {
		return Texts.shorten(this.secrets.redact("sink '" + symbolName() + "': " + failure));
	}

	private void closeSockets() {
		this.pull.close();
		if (this.ack != null) {
			this.ack.close();
		}
	}

	/** The ack for one message and whether it reports success. */
	private record Outcome(byte[] ack, boolean success) {
	}

	/**
	 * The ack of one message in the queue: a deferred one, answered by its handle, or one
	 * answered already that waits for an earlier deferred one.
	 */
	private final class Pending implements Acknowledgment {

		/** When a deferred ack is due, by {@link System#nanoTime()}. */
		private final long deadline;

		/** The answer; {@code null} until answered. */
		private byte[] ack;

		private boolean success;

		private Pending(long deadline) {
			this.deadline = deadline;
		}

		@Override
		public void ok() {
			give(SinkAck.ok(), true, null);
		}

		@Override
		public void error(String message) {
			give(null, false, message);
		}

		private void give(byte[] answer, boolean ok, String message) {
			synchronized (SinkInstance.this.ackLock) {
				if (this.ack != null) {
					if (!SinkInstance.this.closed) {
						logger().warn("sink '{}' (rule '{}'): a message was acknowledged twice; the second answer "
								+ "({}) is ignored", symbolName(), ruleId(), ok ? "ok" : "error");
					}
					return;
				}
				byte[] bytes = answer;
				if (!ok) {
					String error = line(String.valueOf(message));
					SinkInstance.this.state.failed(error);
					SinkInstance.this.failures.warn(ruleId(), error, null, false);
					bytes = SinkAck.error(error);
				}
				answer(bytes, ok);
				flush();
			}
		}

		/** Records the answer; under {@link #ackLock}. */
		private void answer(byte[] answer, boolean ok) {
			this.ack = answer;
			this.success = ok;
			SinkInstance.this.outstanding--;
		}

	}

}
