package dev.ekuiper.plugin.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.binding.JacksonConfigBinder;
import dev.ekuiper.plugin.descriptor.ConfigSchema;
import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.protocol.Channels;
import dev.ekuiper.plugin.protocol.ControlCommand;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.ProtocolException;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.protocol.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a plugin's symbols to eKuiper. {@link #start()} dials the control channel and the
 * channel of every declared function; commands then start and stop sources and sinks, one
 * fresh instance per rule operator. Every command is answered promptly, every failure
 * with a short error text, and the process survives whatever the host sends.
 *
 * <p>When the host is lost (the control connection stays down for the host-loss timeout,
 * or the parent process dies), the runtime stops its symbols and runs the host-loss
 * callback, which normally ends the process. {@link #stop()} is a graceful stop and the
 * runtime can be started again afterwards.
 */
public final class PluginRuntime implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PluginRuntime.class);

	private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);

	private static final AtomicInteger threadIds = new AtomicInteger();

	private final PluginDefinition definition;

	private final RuntimeSettings settings;

	private final RuntimeObserver observer;

	private final ConfigBinder configBinder;

	private final Channels channels;

	private final Map<String, SymbolState> states = new LinkedHashMap<>();

	private final Map<String, SymbolInstance> instances = new ConcurrentHashMap<>();

	private final Map<String, FunctionChannel> functions = new LinkedHashMap<>();

	private volatile Runnable hostLossCallback = () -> {
	};

	private volatile boolean running;

	private HostChannel control;

	private ExecutorService setupExecutor;

	private ScheduledExecutorService watchdog;

	private CallWatchdog callWatchdog;

	private Setup setup;

	private CountDownLatch stopped = new CountDownLatch(1);

	/** Serialises the connection checks of the control thread and the watchdog. */
	private final Object hostCheck = new Object();

	private volatile long disconnectedSince;

	private volatile boolean connected;

	private long parentPid;

	/**
	 * Creates a runtime that binds configurations with a {@link JacksonConfigBinder};
	 * nothing connects until {@link #start()}.
	 * @param definition the plugin
	 * @param settings how to behave
	 * @param observer metrics hooks, or {@link RuntimeObserver#NONE}
	 */
	public PluginRuntime(PluginDefinition definition, RuntimeSettings settings, RuntimeObserver observer) {
		this(definition, settings, observer, new JacksonConfigBinder());
	}

	/**
	 * Creates a runtime; nothing connects until {@link #start()}.
	 * @param definition the plugin
	 * @param settings how to behave
	 * @param observer metrics hooks, or {@link RuntimeObserver#NONE}
	 * @param configBinder binds the configuration of each source and sink it starts
	 */
	public PluginRuntime(PluginDefinition definition, RuntimeSettings settings, RuntimeObserver observer,
			ConfigBinder configBinder) {
		this.definition = definition;
		this.settings = settings;
		this.observer = observer;
		this.configBinder = configBinder;
		this.channels = new Channels(settings.socketDirectory());
		definition.sources().keySet().forEach((name) -> addState(PluginType.SOURCE, name));
		definition.sinks().keySet().forEach((name) -> addState(PluginType.SINK, name));
		definition.functions().keySet().forEach((name) -> addState(PluginType.FUNCTION, name));
	}

	private void addState(PluginType type, String name) {
		this.states.put(SymbolState.key(type, name), new SymbolState(type, name));
	}

	/**
	 * Runs a plugin as a process the way eKuiper launches it: applies the process argument,
	 * watches the parent process, stops gracefully on SIGTERM, and returns when the host is
	 * lost. With the system property {@value PluginDescriptor#DESCRIBE_TO_PROPERTY} set, it
	 * writes the plugin's descriptor to that file instead and returns (the build uses this).
	 * @param definition the plugin
	 * @param args the process arguments; eKuiper passes {@code {"sendTimeout":1000}}
	 * @throws IOException if the control channel cannot be set up or the descriptor not
	 * written
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void serve(PluginDefinition definition, String... args) throws IOException, InterruptedException {
		String describeTo = System.getProperty(PluginDescriptor.DESCRIBE_TO_PROPERTY);
		if (describeTo != null) {
			PluginDescriptor.describe(definition, new JacksonConfigBinder()).write(Path.of(describeTo));
			return;
		}
		RuntimeSettings settings = RuntimeSettings.defaults()
			.withProcessArgument((args.length > 0) ? args[0] : null)
			.withWatchParent(true);
		PluginRuntime runtime = new PluginRuntime(definition, settings, RuntimeObserver.NONE);
		CountDownLatch lost = new CountDownLatch(1);
		runtime.onHostLost(lost::countDown);
		Runtime.getRuntime().addShutdownHook(new Thread(runtime::stop, "ekuiper-shutdown"));
		TerminationSignals.exitGracefully(runtime::stop);
		runtime.start();
		lost.await();
	}

	/**
	 * Sets what runs once the host is lost and the symbols are stopped.
	 * @param callback typically ends the process
	 */
	public void onHostLost(Runnable callback) {
		this.hostLossCallback = callback;
	}

	/**
	 * Returns the plugin definition.
	 * @return the definition
	 */
	public PluginDefinition definition() {
		return this.definition;
	}

	/**
	 * Connects the control channel and every function channel. Returns at once; the
	 * dials keep retrying until the host listens.
	 * @throws NngException if a channel address is unusable
	 */
	public synchronized void start() throws NngException {
		if (this.running) {
			return;
		}
		// Every address is checked before anything starts, so a bad name leaves nothing half started.
		String controlUrl;
		Map<String, String> functionUrls = new LinkedHashMap<>();
		try {
			controlUrl = this.channels.control(this.definition.name());
			for (String symbol : this.definition.functions().keySet()) {
				functionUrls.put(symbol, this.channels.function(symbol));
			}
		}
		catch (ProtocolException ex) {
			throw new NngException(ex.getMessage());
		}
		int id = threadIds.incrementAndGet();
		this.setupExecutor = Executors.newCachedThreadPool(daemonThreads("ekuiper-setup-" + id));
		this.watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("ekuiper-watchdog-" + id));
		this.callWatchdog = new CallWatchdog("ekuiper-call-watchdog-" + id, this.settings.functionTimeout());
		this.setup = new Setup(this.settings, this.observer, this.states::get, this.setupExecutor,
				this.callWatchdog, this.configBinder);
		this.stopped = new CountDownLatch(1);
		this.parentPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
		this.disconnectedSince = System.nanoTime();
		this.connected = false;
		this.running = true;
		for (Map.Entry<String, Function> entry : this.definition.functions().entrySet()) {
			openFunction(entry.getKey(), entry.getValue(), functionUrls.get(entry.getKey()));
		}
		this.control = new HostChannel("ekuiper-control", controlUrl, this.settings, this::answer, this::checkHost,
				HostChannel.Kind.CONTROL);
		this.control.start();
		this.watchdog.scheduleWithFixedDelay(this::watch, 200, 200, TimeUnit.MILLISECONDS);
		logger.info("eKuiper plugin '{}' serving {} on {}", this.definition.name(), this.states.keySet(), controlUrl);
	}

	/**
	 * Stops gracefully: sources stop, sinks finish the messages they hold and acknowledge
	 * them, symbols close, sockets close and their files are removed. Idempotent; the
	 * runtime may be started again.
	 */
	public void stop() {
		HostChannel controlChannel;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			controlChannel = this.control;
		}
		controlChannel.close(this.settings.stopTimeout());
		stopInstances();
		synchronized (this) {
			for (FunctionChannel channel : this.functions.values()) {
				channel.close(Duration.ofMillis(200));
			}
			this.functions.clear();
			this.watchdog.shutdownNow();
			this.callWatchdog.close();
			this.setupExecutor.shutdownNow();
			if (this.connected) {
				this.connected = false;
				this.observer.controlConnection(false);
			}
			this.stopped.countDown();
		}
		logger.info("eKuiper plugin '{}' stopped", this.definition.name());
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Returns whether {@link #start()} was called and no stop happened since.
	 * @return {@code true} while serving
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Returns whether the control channel is connected to the host.
	 * @return {@code true} while connected
	 */
	public boolean isConnected() {
		return this.running && this.connected;
	}

	/**
	 * Waits until the runtime stops, by {@link #stop()} or host loss.
	 * @param timeout how long to wait
	 * @return {@code true} if stopped
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitStop(Duration timeout) throws InterruptedException {
		return this.stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns every declared symbol's state.
	 * @return one status per symbol, in declaration order
	 */
	public List<SymbolStatus> status() {
		List<SymbolStatus> result = new ArrayList<>();
		for (SymbolState state : this.states.values()) {
			result.add(state.status());
		}
		return result;
	}

	private byte[] answer(byte[] bytes) {
		try {
			return answerCommand(bytes);
		}
		finally {
			// A command proves the connection: host loss is timed from a later disconnect,
			// even when the host leaves before the watchdog's next look.
			checkHost();
		}
	}

	private byte[] answerCommand(byte[] bytes) {
		ControlCommand command;
		try {
			command = ControlCommand.parse(bytes);
		}
		catch (ProtocolException ex) {
			String shown = Secrets.maskJson(new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.UTF_8));
			logger.warn("Refused control command {}: {}", Texts.clip(shown), ex.getMessage());
			this.observer.commandAnswered("invalid", null, false);
			return error(ex.getMessage());
		}
		String name = command.start() ? "start" : "stop";
		// Errors may quote configuration values; those of secret properties are masked.
		Secrets secrets = Secrets.of(command.config(), null);
		try {
			if (command.start()) {
				start(command);
			}
			else {
				stop(command);
			}
			this.observer.commandAnswered(name, command.type(), true);
			return OK;
		}
		catch (StartException | ProtocolException ex) {
			String message = secrets.redact(ex.getMessage());
			logger.warn("{} {} '{}' for rule '{}' failed: {}", name, command.type().wireName(), command.symbolName(),
					command.meta().ruleId(), message);
			SymbolState state = this.states.get(SymbolState.key(command.type(), command.symbolName()));
			if (state != null) {
				state.failed(message);
			}
			this.observer.commandAnswered(name, command.type(), false);
			return error(message);
		}
		catch (RuntimeException | LinkageError ex) {
			String message = secrets.redact(Texts.describe(ex));
			if (secrets.isEmpty()) {
				logger.error("{} {} '{}' failed unexpectedly", name, command.type().wireName(), command.symbolName(), ex);
			}
			else {
				// The stack trace would show the secret in the exception's message.
				logger.error("{} {} '{}' failed unexpectedly: {}", name, command.type().wireName(), command.symbolName(),
						message);
			}
			this.observer.commandAnswered(name, command.type(), false);
			return error("Unexpected failure: " + message);
		}
	}

	private void start(ControlCommand command) throws StartException, ProtocolException {
		String symbol = command.symbolName();
		SymbolMeta meta = command.meta();
		switch (command.type()) {
			case SOURCE -> {
				Supplier<? extends Source<?>> factory = this.definition.sources().get(symbol);
				requireSymbol(factory, command);
				String url = this.channels.data(meta);
				replaceInstance(command);
				Source<?> source = create(factory, command);
				Secrets secrets = Secrets.of(command.config(), ConfigSchema.configType(source.getClass(), Source.class));
				try {
					this.instances.put(key(command),
							SourceInstance.start(this.setup, symbol, meta, source, command.config(), secrets, url));
				}
				catch (StartException ex) {
					throw secrets.redact(ex);
				}
			}
			case SINK -> {
				Supplier<? extends Sink<?>> factory = this.definition.sinks().get(symbol);
				requireSymbol(factory, command);
				String dataUrl = this.channels.data(meta);
				String ackUrl = this.channels.ack(meta);
				replaceInstance(command);
				Sink<?> sink = create(factory, command);
				Secrets secrets = Secrets.of(command.config(), ConfigSchema.configType(sink.getClass(), Sink.class));
				try {
					this.instances.put(key(command),
							SinkInstance.start(this.setup, symbol, meta, sink, command.config(), secrets, dataUrl, ackUrl));
				}
				catch (StartException ex) {
					throw secrets.redact(ex);
				}
			}
			case FUNCTION -> {
				Function function = this.definition.functions().get(symbol);
				requireSymbol(function, command);
				// The channel has been open since start-up; a repeated start is a no-op.
				connectFunction(symbol);
			}
		}
	}

	private void stop(ControlCommand command) {
		SymbolInstance instance = this.instances.remove(key(command));
		if (instance != null) {
			instance.stop();
		}
		// An unknown key is answered ok, as eKuiper keeps failed stops in its replay list.
	}

	private void replaceInstance(ControlCommand command) {
		SymbolInstance previous = this.instances.remove(key(command));
		if (previous != null) {
			logger.info("Replacing running {} '{}' for rule '{}'", command.type().wireName(), command.symbolName(),
					command.meta().ruleId());
			previous.stop();
		}
	}

	private <T> T create(Supplier<? extends T> factory, ControlCommand command) throws StartException {
		String what = command.type().wireName() + " '" + command.symbolName() + "'";
		try {
			T created = factory.get();
			if (created == null) {
				throw new StartException("Cannot create " + what + ": its factory returned null");
			}
			return created;
		}
		catch (RuntimeException | LinkageError ex) {
			throw new StartException("Cannot create " + what + ": " + Texts.clip(Texts.describe(ex)), ex);
		}
	}

	private void requireSymbol(Object symbol, ControlCommand command) throws StartException {
		if (symbol == null) {
			throw new StartException("Unknown " + command.type().wireName() + " symbol '"
					+ Texts.clip(command.symbolName()) + "' in plugin '" + this.definition.name() + "'");
		}
	}

	private void openFunction(String symbol, Function function, String url) throws NngException {
		FunctionChannel channel = new FunctionChannel(symbol, function, url, this.settings, this.observer,
				this.states.get(SymbolState.key(PluginType.FUNCTION, symbol)), this.callWatchdog);
		channel.open();
		this.functions.put(symbol, channel);
	}

	private void connectFunction(String symbol) throws StartException {
		FunctionChannel channel;
		synchronized (this) {
			channel = this.functions.get(symbol);
		}
		if (channel != null) {
			try {
				channel.connect();
			}
			catch (NngException ex) {
				throw new StartException("Cannot connect function '" + symbol + "': " + Texts.describe(ex), ex);
			}
		}
	}

	private void stopInstances() {
		List<SymbolInstance> all = new ArrayList<>(this.instances.values());
		this.instances.clear();
		List<Thread> stoppers = new ArrayList<>();
		for (SymbolInstance instance : all) {
			Thread stopper = new Thread(instance::stop, "ekuiper-stop");
			stopper.setDaemon(true);
			stopper.start();
			stoppers.add(stopper);
		}
		long deadline = System.nanoTime() + this.settings.stopTimeout().toNanos() * 2;
		for (Thread stopper : stoppers) {
			try {
				stopper.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Runs on the control thread between and after commands, and on the watchdog. */
	private void checkHost() {
		synchronized (this.hostCheck) {
			boolean up = this.control != null && this.control.isConnected();
			if (up != this.connected) {
				this.connected = up;
				this.observer.controlConnection(up);
				logger.info("Control channel to eKuiper {}", up ? "connected" : "lost");
			}
			if (up) {
				this.disconnectedSince = 0;
			}
			else if (this.disconnectedSince == 0) {
				this.disconnectedSince = System.nanoTime();
			}
		}
	}

	/** Runs on the watchdog: host loss. */
	private void watch() {
		if (!this.running) {
			return;
		}
		checkHost();
		long since = this.disconnectedSince;
		String reason = null;
		if (since != 0 && System.nanoTime() - since > this.settings.hostLossTimeout().toNanos()) {
			reason = "control channel down for more than " + this.settings.hostLossTimeout().toMillis() + " ms";
		}
		else if (this.settings.watchParent() && this.parentPid > 1
				&& ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != this.parentPid) {
			reason = "parent process " + this.parentPid + " is gone";
		}
		if (reason != null) {
			logger.warn("eKuiper host lost ({}); stopping plugin '{}'", reason, this.definition.name());
			Thread stopper = new Thread(() -> {
				stop();
				this.hostLossCallback.run();
			}, "ekuiper-host-lost");
			stopper.setDaemon(false);
			stopper.start();
		}
	}

	private static String key(ControlCommand command) {
		return command.meta().channelKey() + "_" + command.symbolName();
	}

	private static byte[] error(String text) {
		return Texts.safeError(text).getBytes(StandardCharsets.UTF_8);
	}

	private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
