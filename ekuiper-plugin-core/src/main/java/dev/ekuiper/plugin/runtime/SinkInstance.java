package dev.ekuiper.plugin.runtime;

import java.time.Duration;
import java.util.Map;

import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.descriptor.ConfigSchema;
import dev.ekuiper.plugin.nng.NngClosedException;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngTimeoutException;
import dev.ekuiper.plugin.nng.PullSocket;
import dev.ekuiper.plugin.nng.PushSocket;
import dev.ekuiper.plugin.protocol.SinkAck;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.protocol.Texts;

/**
 * One sink serving one rule action: a PULL listening for the host's data, an optional
 * PUSH dialed to the host's ack socket, and the thread calling the user's
 * {@link Sink#collect} and acknowledging each message.
 */
final class SinkInstance extends InstanceContext implements SymbolInstance, SinkContext {

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration DRAIN = Duration.ofMillis(50);

	private final Sink<Object> sink;

	private final PullSocket pull;

	private final PushSocket ack;

	private final SymbolState state;

	private final RuntimeObserver.SinkObserver observer;

	private final Duration stopTimeout;

	private volatile boolean running = true;

	private Thread thread;

	private SinkInstance(String symbol, SymbolMeta meta, Sink<Object> sink, PullSocket pull, PushSocket ack,
			SymbolState state, RuntimeObserver observer, Duration stopTimeout) {
		super(symbol, meta);
		this.sink = sink;
		this.pull = pull;
		this.ack = ack;
		this.state = state;
		this.observer = observer.sinkStarted(symbol, meta);
		this.stopTimeout = stopTimeout;
	}

	/**
	 * Configures and opens a sink, listens on its data channel and, when acks are asked
	 * for, connects the ack channel, all before the host is answered (the host dials the
	 * data channel once, right after {@code ok}).
	 */
	@SuppressWarnings("unchecked")
	static SinkInstance start(Setup setup, String symbol, SymbolMeta meta, Sink<?> created, Map<String, Object> config,
			String dataUrl, String ackUrl) throws StartException {
		Sink<Object> sink = (Sink<Object>) created;
		String what = "sink '" + symbol + "'";
		boolean requireAck = isTrue(config.get("requireAck"));
		Object bound = ConfigBinder.bind(config, ConfigSchema.configType(sink.getClass(), Sink.class), what);
		RuntimeSettings settings = setup.settings();
		PullSocket pull = new PullSocket();
		PushSocket ack = null;
		try {
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
		SinkInstance instance = new SinkInstance(symbol, meta, sink, pull, ack, setup.state(symbol), setup.observer(),
				settings.stopTimeout());
		try {
			setup.run(what + " configure", () -> sink.configure(bound));
			setup.run(what + " open", () -> sink.open(instance));
		}
		catch (StartException ex) {
			instance.closeSockets();
			throw ex;
		}
		instance.state.started();
		instance.thread = new Thread(instance::run, "ekuiper-sink-" + meta.channelKey());
		instance.thread.setDaemon(true);
		instance.thread.start();
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
		try {
			this.thread.join(this.stopTimeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			logger().warn("Sink {} of rule {} did not finish collecting within {} ms; closing anyway", symbolName(),
					ruleId(), this.stopTimeout.toMillis());
			closeSockets();
			this.thread.interrupt();
		}
	}

	private void run() {
		try {
			while (true) {
				byte[] payload;
				try {
					payload = this.pull.receive(this.running ? POLL : DRAIN);
				}
				catch (NngTimeoutException ex) {
					if (this.running) {
						continue;
					}
					break;
				}
				collect(payload);
			}
		}
		catch (NngClosedException ex) {
			// stopped
		}
		catch (NngException ex) {
			logger().warn("Sink {} of rule {}: receive failed: {}", symbolName(), ruleId(), ex.getMessage());
		}
		finally {
			try {
				this.sink.close(this);
			}
			catch (Exception ex) {
				logger().warn("Sink {} of rule {} failed to close: {}", symbolName(), ruleId(), Texts.describe(ex));
			}
			closeSockets();
			this.state.stopped();
			this.observer.stopped();
		}
	}

	private void collect(byte[] payload) {
		byte[] answer;
		boolean success = false;
		try {
			this.sink.collect(this, new Payload(payload));
			success = true;
			this.observer.collected(true);
			answer = SinkAck.ok();
		}
		catch (Exception | LinkageError ex) {
			String error = Texts.describe(ex);
			this.state.failed(error);
			this.observer.collected(false);
			logger().warn("Sink {} of rule {} failed to collect: {}", symbolName(), ruleId(), error);
			answer = SinkAck.error(error);
		}
		if (this.ack != null) {
			try {
				this.ack.send(answer);
				this.observer.acked(success);
			}
			catch (NngException ex) {
				logger().warn("Sink {} of rule {}: ack not delivered: {}", symbolName(), ruleId(), ex.getMessage());
			}
		}
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

}
