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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.PluginDefinition;
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
 * Serves a plugin's symbols to eKuiper. {@link #start()} dials the control channel and
 * the channel of every declared function; commands then start and stop sources and sinks,
 * one fresh instance per rule operator. Every command is answered promptly, every failure
 * with a short error text, and the process survives whatever the host sends.
 *
 * <p>
 * When the host is lost (the control connection stays down for the host-loss timeout, or
 * the parent process dies), the runtime stops its symbols and runs the host-loss
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

	/**
	 * Held by {@link #start()} and {@link #stop()} for their whole length, as
	 * spring-kafka's containers hold their lifecycle lock around {@code doStop}: a start
	 * never runs in the middle of a stop.
	 */
	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private volatile Runnable hostLossCallback = () -> {
	};

	/** The resources of the current start; {@code null} while stopped. */
	private volatile Run run;

	/** Counts down when the last run stopped; replaced by each start. */
	private volatile CountDownLatch stopped = new CountDownLatch(1);

	private Supervision supervision;

	/** The running sources and sinks, for a JVM that replaces this one after a crash. */
	private CommandJournal journal = CommandJournal.NONE;

	/** Whether the next start replays the journal: once, in a restarted JVM. */
	private boolean replayJournal;

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
	 * Runs a plugin as a process the way eKuiper launches it: applies the process
	 * argument, watches the parent process, stops gracefully on SIGTERM, and returns when
	 * the host is lost. With the system property
	 * {@value PluginDescriptor#DESCRIBE_TO_PROPERTY} set, it writes the plugin's
	 * descriptor to that file instead and returns (the build uses this).
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
		Supervision.fromEnvironment(System.getenv()).ifPresent(runtime::supervisedBy);
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
	 * Serves under the launcher's supervisor: running sources and sinks are journaled in
	 * its state directory, a restarted JVM restores them at start, and the death of
	 * eKuiper's process means the host is lost. Call before {@link #start()}.
	 * @param supervision what the launcher said
	 */
	public void supervisedBy(Supervision supervision) {
		this.lifecycleLock.lock();
		try {
			this.supervision = supervision;
			this.journal = CommandJournal.open(supervision);
			this.replayJournal = supervision.isRestart();
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	/**
	 * Returns the plugin definition.
	 * @return the definition
	 */
	public PluginDefinition definition() {
		return this.definition;
	}

	/**
	 * Connects the control channel and every function channel. Returns at once; the dials
	 * keep retrying until the host listens.
	 * @throws PluginStartException if a channel address is unusable or a socket cannot be
	 * opened
	 */
	public void start() {
		this.lifecycleLock.lock();
		try {
			if (this.run != null) {
				return;
			}
			// Every address is checked before anything starts, so a bad name leaves
			// nothing half started.
			String controlUrl;
			Map<String, String> functionUrls = new LinkedHashMap<>();
			try {
				controlUrl = this.channels.control(this.definition.name());
				for (String symbol : this.definition.functions().keySet()) {
					functionUrls.put(symbol, this.channels.function(symbol));
				}
			}
			catch (ProtocolException ex) {
				throw new PluginStartException(cannotStart(ex), ex);
			}
			Run started = new Run(threadIds.incrementAndGet());
			this.stopped = new CountDownLatch(1);
			this.run = started;
			try {
				started.start(controlUrl, functionUrls);
			}
			catch (NngException ex) {
				throw new PluginStartException(cannotStart(ex), ex);
			}
			if (this.replayJournal) {
				this.replayJournal = false;
				started.restore(this.journal.starts());
			}
			logger.info("eKuiper plugin '{}' serving {} on {}", this.definition.name(), this.states.keySet(),
					controlUrl);
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	/**
	 * Stops gracefully: sources stop, sinks finish the messages they hold and acknowledge
	 * them, symbols close, sockets close and their files are removed. Idempotent; the
	 * runtime may be started again.
	 */
	public void stop() {
		this.lifecycleLock.lock();
		try {
			Run current = this.run;
			if (current != null) {
				stop(current);
			}
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	private String cannotStart(Exception ex) {
		return "Cannot start eKuiper plugin '" + this.definition.name() + "': " + ex.getMessage();
	}

	/**
	 * Stops {@code current} if it is still the running one; a later start is left alone.
	 */
	private void stopIfCurrent(Run current) {
		this.lifecycleLock.lock();
		try {
			if (this.run == current) {
				stop(current);
			}
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	private void stop(Run current) {
		this.run = null;
		current.stop();
		this.stopped.countDown();
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
		return this.run != null;
	}

	/**
	 * Returns whether the control channel is connected to the host.
	 * @return {@code true} while connected
	 */
	public boolean isConnected() {
		Run current = this.run;
		return current != null && current.connected;
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
	 * Returns what is wrong with the running symbols that eKuiper does not show: calls
	 * stuck past their timeout, sinks that stopped acknowledging, channels whose peer is
	 * gone, quiet sources. A condition that needs time (a peer gone, a quiet source) is
	 * timed from the first call that saw it, so call this periodically, as a health check
	 * does.
	 * @param peerGoneAfter how long a channel's peer may be gone before it is a fault
	 * @param sourceIdleAfter how long a source may emit nothing; {@link Duration#ZERO}
	 * for no limit
	 * @return the faults, empty when all is well or the runtime is stopped
	 */
	public List<SymbolFault> faults(Duration peerGoneAfter, Duration sourceIdleAfter) {
		Run current = this.run;
		if (current == null) {
			return List.of();
		}
		HealthCheck check = new HealthCheck(peerGoneAfter, sourceIdleAfter);
		current.checkHealth(check);
		return check.faults();
	}

	/**
	 * Returns how often the launcher has restarted this plugin's JVM since eKuiper
	 * started it.
	 * @return {@code 0} unless the JVM replaces one that died
	 */
	public int restarts() {
		Supervision supervised = this.supervision;
		return (supervised != null) ? supervised.restarts() : 0;
	}

	/**
	 * Returns whether a restarted JVM is still restoring the sources and sinks that were
	 * running.
	 * @return {@code true} until every journaled start has been tried
	 */
	public boolean isRestoring() {
		Run current = this.run;
		return current != null && current.restoring;
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

	private byte[] answer(Run run, byte[] bytes) {
		try {
			return answerCommand(run, bytes);
		}
		finally {
			// A command proves the connection: host loss is timed from a later
			// disconnect,
			// even when the host leaves before the watchdog's next look.
			run.checkHost();
		}
	}

	private byte[] answerCommand(Run run, byte[] bytes) {
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
				start(run, command);
			}
			else {
				stop(run, command);
			}
			if (command.type() != PluginType.FUNCTION) {
				if (command.start()) {
					this.journal.started(key(command), bytes);
				}
				else {
					this.journal.stopped(key(command));
				}
			}
			this.observer.commandAnswered(name, command.type(), true);
			return OK;
		}
		catch (StartException | ProtocolException ex) {
			String message = secrets.redact(ex.getMessage());
			Throwable cause = (ex instanceof StartException) ? ex.getCause() : null;
			if (cause != null) {
				logger.warn("{}", message, cause);
			}
			else {
				logger.warn("{}", message);
			}
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
				logger.error("{} {} '{}' failed unexpectedly", name, command.type().wireName(), command.symbolName(),
						ex);
			}
			else {
				// The stack trace would show the secret in the exception's message.
				logger.error("{} {} '{}' failed unexpectedly: {}", name, command.type().wireName(),
						command.symbolName(), message);
			}
			this.observer.commandAnswered(name, command.type(), false);
			return error("Unexpected failure: " + message);
		}
	}

	private void start(Run run, ControlCommand command) throws StartException, ProtocolException {
		String symbol = command.symbolName();
		SymbolMeta meta = command.meta();
		switch (command.type()) {
			case SOURCE -> {
				Supplier<? extends Source<?>> factory = this.definition.sources().get(symbol);
				requireSymbol(factory, command);
				String url = this.channels.data(meta);
				replaceInstance(run, command);
				Source<?> source = create(factory, command);
				Secrets secrets = Secrets.of(command.config(),
						ConfigSchema.configType(source.getClass(), Source.class));
				try {
					run.add(command,
							SourceInstance.start(run.setup, symbol, meta, source, command.config(), secrets, url));
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
				replaceInstance(run, command);
				Sink<?> sink = create(factory, command);
				Secrets secrets = Secrets.of(command.config(), ConfigSchema.configType(sink.getClass(), Sink.class));
				try {
					run.add(command, SinkInstance.start(run.setup, symbol, meta, sink, command.config(), secrets,
							dataUrl, ackUrl));
				}
				catch (StartException ex) {
					throw secrets.redact(ex);
				}
			}
			case FUNCTION -> {
				Function function = this.definition.functions().get(symbol);
				requireSymbol(function, command);
				// The channel has been open since start-up; a repeated start is a no-op.
				run.connectFunction(symbol);
			}
		}
	}

	private void stop(Run run, ControlCommand command) {
		SymbolInstance instance = run.instances.remove(key(command));
		if (instance != null) {
			instance.stop();
		}
		// An unknown key is answered ok, as eKuiper keeps failed stops in its replay
		// list.
	}

	private void replaceInstance(Run run, ControlCommand command) {
		SymbolInstance previous = run.instances.remove(key(command));
		if (previous != null) {
			logger.info("Replacing running {} '{}' for rule '{}'", command.type().wireName(), command.symbolName(),
					command.meta().ruleId());
			previous.stop();
		}
	}

	private <T> T create(Supplier<? extends T> factory, ControlCommand command) throws StartException {
		String what = kind(command.type()) + " '" + command.symbolName() + "'";
		try {
			T created = factory.get();
			if (created == null) {
				throw StartException.failed(what, command.meta().ruleId(), "create", "its factory returned null", null);
			}
			return created;
		}
		catch (RuntimeException | LinkageError ex) {
			throw StartException.failed(what, command.meta().ruleId(), "create", Texts.shorten(Texts.typed(ex)), ex);
		}
	}

	private void requireSymbol(Object symbol, ControlCommand command) throws StartException {
		if (symbol == null) {
			String kind = kind(command.type());
			throw StartException.refused(kind + " '" + Texts.clip(command.symbolName()) + "'", command.meta().ruleId(),
					"no such " + kind + " in plugin '" + this.definition.name() + "'");
		}
	}

	/** Names a kind of symbol in error texts. */
	private static String kind(PluginType type) {
		return (type == PluginType.FUNCTION) ? "function" : type.wireName();
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

	/**
	 * What one start owns: the control and function channels, the running instances, the
	 * executors and the host-loss watch. A stop closes exactly these, so nothing of a
	 * later start is touched.
	 */
	private final class Run {

		private final int id;

		private final Map<String, SymbolInstance> instances = new ConcurrentHashMap<>();

		private final Map<String, FunctionChannel> functions = new LinkedHashMap<>();

		private final ExecutorService setupExecutor;

		private final ScheduledExecutorService watchdog;

		private final CallWatchdog callWatchdog;

		private final Setup setup;

		private final long parentPid;

		/**
		 * eKuiper's process when a supervising launcher stands between it and this JVM.
		 */
		private final long hostPid;

		/**
		 * When eKuiper's process started, so that a new process with its pid is not taken
		 * for it.
		 */
		private final Optional<Instant> hostStart;

		/** Serialises the connection checks of the control thread and the watchdog. */
		private final Object hostCheck = new Object();

		private volatile HostChannel control;

		private volatile boolean connected;

		private volatile long disconnectedSince = System.nanoTime();

		/**
		 * Set once {@link #stop()} began: an instance started after it is stopped at
		 * once.
		 */
		private volatile boolean stopping;

		/** Set while the journal of a JVM that died is being restored. */
		private volatile boolean restoring;

		Run(int id) {
			this.id = id;
			this.setupExecutor = Executors.newCachedThreadPool(daemonThreads("ekuiper-setup-" + id));
			this.watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("ekuiper-watchdog-" + id));
			this.callWatchdog = new CallWatchdog("ekuiper-call-watchdog-" + id,
					PluginRuntime.this.settings.functionTimeout());
			this.setup = new Setup(PluginRuntime.this.settings, PluginRuntime.this.observer,
					PluginRuntime.this.states::get, this.setupExecutor, this.callWatchdog,
					PluginRuntime.this.configBinder);
			this.parentPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
			Supervision supervised = PluginRuntime.this.supervision;
			this.hostPid = (supervised != null) ? supervised.hostPid() : -1;
			this.hostStart = ProcessHandle.of(this.hostPid).flatMap((host) -> host.info().startInstant());
		}

		private boolean isHostAlive() {
			Optional<ProcessHandle> host = ProcessHandle.of(this.hostPid).filter(ProcessHandle::isAlive);
			return host.isPresent() && (this.hostStart.isEmpty()
					|| this.hostStart.equals(host.flatMap((process) -> process.info().startInstant())));
		}

		void start(String controlUrl, Map<String, String> functionUrls) throws NngException {
			try {
				for (Map.Entry<String, Function> entry : PluginRuntime.this.definition.functions().entrySet()) {
					openFunction(entry.getKey(), entry.getValue(), functionUrls.get(entry.getKey()));
				}
				this.control = new HostChannel("ekuiper-control", controlUrl, PluginRuntime.this.settings,
						(bytes) -> answer(this, bytes), this::checkHost, HostChannel.Kind.CONTROL);
				this.control.start();
				this.watchdog.scheduleWithFixedDelay(this::watch, 200, 200, TimeUnit.MILLISECONDS);
			}
			catch (NngException | RuntimeException ex) {
				stop();
				PluginRuntime.this.run = null;
				throw ex;
			}
		}

		void stop() {
			this.stopping = true;
			HostChannel controlChannel = this.control;
			if (controlChannel != null) {
				controlChannel.close(PluginRuntime.this.settings.stopTimeout());
			}
			stopInstances();
			synchronized (this) {
				for (FunctionChannel channel : this.functions.values()) {
					channel.close(Duration.ofMillis(200));
				}
				this.functions.clear();
			}
			this.watchdog.shutdownNow();
			this.callWatchdog.close();
			this.setupExecutor.shutdownNow();
			synchronized (this.hostCheck) {
				if (this.connected) {
					this.connected = false;
					PluginRuntime.this.observer.controlConnection(false);
				}
			}
		}

		/**
		 * Starts again, on a thread of its own, the sources and sinks a JVM that died was
		 * running; eKuiper, which did not see that JVM die, still sends them data.
		 */
		void restore(List<byte[]> starts) {
			if (starts.isEmpty()) {
				return;
			}
			logger.info("Restoring {} running source(s) and sink(s) after a restart of the JVM", starts.size());
			this.restoring = true;
			Thread restorer = new Thread(() -> {
				try {
					for (byte[] start : starts) {
						if (this.stopping) {
							return;
						}
						byte[] answer = answer(this, start);
						if (!Arrays.equals(answer, OK)) {
							logger.warn("Could not restore {}: {}",
									Texts.clip(new String(start, StandardCharsets.UTF_8)),
									new String(answer, StandardCharsets.UTF_8));
						}
					}
				}
				finally {
					this.restoring = false;
				}
			}, "ekuiper-restore-" + this.id);
			restorer.setDaemon(true);
			restorer.start();
		}

		void checkHealth(HealthCheck check) {
			for (SymbolInstance instance : this.instances.values()) {
				instance.checkHealth(check);
			}
			List<FunctionChannel> channels;
			synchronized (this) {
				channels = new ArrayList<>(this.functions.values());
			}
			channels.forEach((channel) -> channel.checkHealth(check));
		}

		/** Keeps a started instance, or stops it at once when this run is stopping. */
		void add(ControlCommand command, SymbolInstance instance) throws StartException {
			String key = key(command);
			this.instances.put(key, instance);
			if (this.stopping && this.instances.remove(key, instance)) {
				instance.stop();
				throw StartException.refused(kind(command.type()) + " '" + command.symbolName() + "'",
						command.meta().ruleId(), "the plugin is stopping");
			}
		}

		private synchronized void openFunction(String symbol, Function function, String url) throws NngException {
			FunctionChannel channel = new FunctionChannel(symbol, function, url, PluginRuntime.this.settings,
					PluginRuntime.this.observer,
					PluginRuntime.this.states.get(SymbolState.key(PluginType.FUNCTION, symbol)), this.callWatchdog);
			channel.open();
			this.functions.put(symbol, channel);
		}

		void connectFunction(String symbol) throws StartException {
			FunctionChannel channel;
			synchronized (this) {
				channel = this.functions.get(symbol);
			}
			if (channel != null) {
				try {
					channel.connect();
				}
				catch (NngException ex) {
					throw StartException.failed("function '" + symbol + "'", "", "connect", Texts.typed(ex), ex);
				}
			}
		}

		private void stopInstances() {
			List<SymbolInstance> all = new ArrayList<>(this.instances.values());
			this.instances.clear();
			List<Thread> stoppers = new ArrayList<>();
			for (SymbolInstance instance : all) {
				Thread stopper = new Thread(instance::stop, "ekuiper-stop-" + this.id);
				stopper.setDaemon(true);
				stopper.start();
				stoppers.add(stopper);
			}
			long deadline = System.nanoTime() + PluginRuntime.this.settings.stopTimeout().toNanos() * 2;
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
		void checkHost() {
			synchronized (this.hostCheck) {
				if (this.stopping) {
					return;
				}
				HostChannel controlChannel = this.control;
				boolean up = controlChannel != null && controlChannel.isConnected();
				if (up != this.connected) {
					this.connected = up;
					PluginRuntime.this.observer.controlConnection(up);
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
			if (this.stopping) {
				return;
			}
			checkHost();
			RuntimeSettings settings = PluginRuntime.this.settings;
			long since = this.disconnectedSince;
			String reason = null;
			if (since != 0 && System.nanoTime() - since > settings.hostLossTimeout().toNanos()) {
				reason = "control channel down for more than " + settings.hostLossTimeout().toMillis() + " ms";
			}
			else if (settings.watchParent() && this.parentPid > 1
					&& ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != this.parentPid) {
				reason = "parent process " + this.parentPid + " is gone";
			}
			else if (this.hostPid > 1 && !isHostAlive()) {
				reason = "eKuiper's process " + this.hostPid + " is gone";
			}
			if (reason != null) {
				this.stopping = true;
				logger.warn("eKuiper host lost ({}); stopping plugin '{}'", reason,
						PluginRuntime.this.definition.name());
				Thread stopper = new Thread(() -> {
					stopIfCurrent(this);
					PluginRuntime.this.hostLossCallback.run();
				}, "ekuiper-host-lost");
				stopper.setDaemon(false);
				stopper.start();
			}
		}

	}

}
