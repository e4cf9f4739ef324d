package dev.ekuiper.plugin.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import dev.ekuiper.plugin.protocol.SinkAck;
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
 * <p>A stop wakes the sink thread at once. It collects and acks what is queued and, for
 * up to 50 ms, what a host still connected sends; with acks, the data channel closes
 * before the last ack, so the host's next message fails to send instead of being taken
 * and never answered.
 */
final class SinkInstance extends InstanceContext implements SymbolInstance, SinkContext {

	private static final Duration POLL = Duration.ofMillis(200);

	/** After a stop, how long to keep taking messages from a host that is still connected. */
	private static final Duration DRAIN = Duration.ofMillis(50);

	private static final Duration DRAIN_POLL = Duration.ofMillis(5);

	/** The sink thread waits in a receive: a stop may interrupt it. */
	private static final int RECEIVING = 0;

	/** The sink thread collects, acks or closes: it must not be interrupted. */
	private static final int BUSY = 1;

	/** A stop interrupted the receive; the sink thread clears the interrupt and drains. */
	private static final int WOKEN = 2;

	private final Sink<Object> sink;

	private final PullSocket pull;

	private final PushSocket ack;

	private final SymbolState state;

	private final RuntimeObserver.SinkObserver observer;

	private final Duration stopTimeout;

	private final CallWatchdog callWatchdog;

	private final Secrets secrets;

	/** Collects that ran past their timeout and have not returned yet. */
	private final AtomicInteger overruns = new AtomicInteger();

	/** The watch of the thread serving now, when acks are due. */
	private volatile CallWatchdog.Watch watch;

	/** What the sink thread does, so that a stop wakes a receive at once but never disturbs a collect. */
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
		boolean requireAck = isTrue(config.get("requireAck"));
		Object bound = setup.bind(what, config, ConfigSchema.configType(sink.getClass(), Sink.class), secrets);
		RuntimeSettings settings = setup.settings();
		PullSocket pull = new PullSocket();
		PushSocket ack = null;
		try {
			// A larger payload is skipped by the transport without being held, then refused
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
			throw new StartException("Cannot open the channels of " + what + ": " + Texts.describe(ex), ex);
		}
		SinkInstance instance = new SinkInstance(symbol, meta, sink, pull, ack, setup.state(PluginType.SINK, symbol),
				setup.observer(), settings, setup.callWatchdog(), secrets);
		try {
			setup.run(what + " configure", secrets, () -> sink.configure(bound));
			setup.run(what + " open", secrets, () -> sink.open(instance));
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
			// A collect that overruns meanwhile hands serving on to a fresh thread: wait for that one.
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
		boolean retired = false;
		long drainUntil = 0;
		try {
			while (true) {
				Duration wait = POLL;
				if (!this.running) {
					if (drainUntil == 0) {
						drainUntil = System.nanoTime() + DRAIN.toNanos();
					}
					// eKuiper closes its side before it sends stop: once that connection is
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
					acknowledge(failed(Texts.tooLarge("Payload", ex.size(), ex.limit())));
					continue;
				}
				catch (NngException ex) {
					if (woken()) {
						// The stop's interrupt: what is already queued is still collected.
						continue;
					}
					throw ex;
				}
				woken();
				if (!this.running && this.ack != null) {
					// eKuiper sends its next message only once this one is acked: closing the
					// data channel first makes that send fail, so the next message is refused
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
			logger().warn("Sink {} of rule {}: receive failed: {}", symbolName(), ruleId(), ex.getMessage());
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
			logger().warn("Sink {} of rule {} failed to close: {}", symbolName(), ruleId(),
					this.secrets.redact(Texts.describe(ex)));
		}
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
	 * @return {@code false} if the collect overran and was acked for by the watchdog: this
	 * thread no longer serves
	 */
	private boolean collect(byte[] payload) {
		if (this.ack == null) {
			collectNow(payload);
			return true;
		}
		if (this.overruns.get() > 0) {
			acknowledge(failed("Sink '" + symbolName() + "' is still busy with an earlier message that took longer than "
					+ this.callWatchdog.timeout().toMillis() + " ms"));
			return true;
		}
		CallWatchdog.Watch current = this.watch;
		if (current == null || !current.isOwnedByCurrentThread()) {
			current = this.callWatchdog.watchCurrentThread(this::overran);
			this.watch = current;
		}
		current.begin();
		Outcome outcome = collectNow(payload);
		if (!current.end()) {
			this.overruns.decrementAndGet();
			return false;
		}
		acknowledge(outcome);
		return true;
	}

	/** On the watchdog's thread: acks the overrunning collect with an error; a fresh thread serves on. */
	private void overran(CallWatchdog.Watch expired) {
		this.overruns.incrementAndGet();
		Outcome timedOut = failed("Timed out: sink '" + symbolName() + "' collect took longer than "
				+ this.callWatchdog.timeout().toMillis() + " ms");
		expired.owner().interrupt();
		serveOnNewThread(timedOut);
	}

	/** Sends the ack of one message when the rule asked for acks. */
	private void acknowledge(Outcome answer) {
		if (this.ack != null) {
			try {
				this.ack.send(answer.ack());
				this.observer.acked(answer.success());
			}
			catch (NngException ex) {
				logger().warn("Sink {} of rule {}: ack not delivered: {}", symbolName(), ruleId(), ex.getMessage());
			}
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
			return failed(Texts.describe(ex));
		}
	}

	private Outcome failed(String failure) {
		String error = this.secrets.redact(failure);
		this.state.failed(error);
		this.observer.collected(false);
		logger().warn("Sink {} of rule {} failed to collect: {}", symbolName(), ruleId(), error);
		return new Outcome(SinkAck.error(error), false);
	}

	private void closeSockets() {
		this.pull.close();
		if (this.ack != null) {
			this.ack.close();
		}
	}

	private static boolean isTrue(Object value) {
		return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
	}

	/** The ack for one message and whether it reports success. */
	private record Outcome(byte[] ack, boolean success) {
	}

}
