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
import java.util.concurrent.atomic.AtomicInteger;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionSignature;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.protocol.FunctionReply;
import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.ProtocolException;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.protocol.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one function for the process's life on {@code func_<name>.ipc}. The channel is
 * opened for every declared function at start-up (eKuiper replays only one function after
 * a plugin restart), so a later {@code start func} only makes sure it is connected. Each
 * call runs on the channel's thread, timed by the {@link CallWatchdog}: a call that takes
 * longer than the function timeout is answered with an error on the watchdog's thread,
 * and later calls are served on a fresh channel thread.
 *
 * <p>
 * The function's {@link Function#signature() signature} is read once: the number of
 * arguments is checked before {@code validate} and {@code exec}, and declared kinds are
 * converted before {@code exec}. Whatever the function throws is answered as one line
 * naming the function, the exception type and its message, and logged at WARN with its
 * stack trace, rate-limited per rule.
 */
final class FunctionChannel {

	private static final Logger logger = LoggerFactory.getLogger(FunctionChannel.class);

	private final String symbol;

	private final Function function;

	private final String url;

	private final RuntimeSettings settings;

	private final RuntimeObserver.FunctionObserver observer;

	private final SymbolState state;

	private final CallWatchdog watchdog;

	private final FunctionSignature signature;

	private final boolean aggregate;

	/** What the host is told, e.g. {@code function 'revert'}. */
	private final String what;

	private final FailureLog failures;

	private HostChannel channel;

	private int generation;

	private volatile InstanceContext.Call lastContext;

	/** Calls that overran their timeout and have not returned yet. */
	private final AtomicInteger stuckCalls = new AtomicInteger();

	/** When the first call still stuck now overran. */
	private volatile long stuckSince;

	/**
	 * Whether eKuiper has connected since the channel opened, and since when it is gone.
	 */
	private boolean seenPeer;

	private long peerGoneSince;

	FunctionChannel(String symbol, Function function, String url, RuntimeSettings settings, RuntimeObserver observer,
			SymbolState state, CallWatchdog watchdog) {
		this.symbol = symbol;
		this.function = function;
		this.url = url;
		this.settings = settings;
		this.observer = observer.functionOpened(symbol);
		this.state = state;
		this.watchdog = watchdog;
		this.what = "function '" + symbol + "'";
		Logger symbolLogger = LoggerFactory.getLogger("ekuiper.plugin.symbol." + symbol);
		this.failures = new FailureLog(symbolLogger);
		this.signature = signature(function, symbolLogger);
		this.aggregate = aggregate(function, symbolLogger);
	}

	private boolean aggregate(Function function, Logger symbolLogger) {
		try {
			return function.isAggregate();
		}
		catch (RuntimeException ex) {
			symbolLogger.warn("{}: isAggregate() failed; it is taken as not aggregate", this.what, ex);
			return false;
		}
	}

	private FunctionSignature signature(Function function, Logger symbolLogger) {
		try {
			FunctionSignature declared = function.signature();
			return (declared != null) ? declared : FunctionSignature.ANY;
		}
		catch (RuntimeException ex) {
			symbolLogger.warn("{}: signature() failed; its arguments are not checked", this.what, ex);
			return FunctionSignature.ANY;
		}
	}

	synchronized void open() throws NngException {
		this.generation++;
		Calls calls = new Calls();
		this.channel = new HostChannel("ekuiper-func-" + this.symbol + "-" + this.generation, this.url, this.settings,
				calls, () -> {
				}, HostChannel.Kind.FUNCTION);
		calls.channel = this.channel;
		this.channel.start();
		if (this.generation == 1) {
			this.state.started();
		}
	}

	/**
	 * Makes sure the channel connects now that eKuiper sent {@code start func}. eKuiper
	 * listens just before sending it, while a dial that has been failing since start-up
	 * may be waiting out a back-off of up to 5 s, longer than eKuiper waits for the first
	 * call's answer; so a channel that is not connected is dialed again at once.
	 * @throws NngException if the channel cannot be dialed
	 */
	synchronized void connect() throws NngException {
		if (this.channel != null && !this.channel.isConnected()) {
			this.channel.close(Duration.ZERO);
			open();
		}
	}

	/**
	 * A function is stuck while a call runs past its timeout; its peer is gone when
	 * eKuiper, having connected once, is no longer connected. Before eKuiper's first use
	 * of the function nobody listens, and that is no fault.
	 */
	synchronized void checkHealth(HealthCheck check) {
		if (this.channel == null) {
			return;
		}
		long since = this.stuckSince;
		if (this.stuckCalls.get() > 0 && since != 0) {
			check.report(since, PluginType.FUNCTION, this.symbol, "",
					"a call is still running past the " + this.watchdog.timeout().toMillis() + " ms timeout");
		}
		boolean connected = this.channel.isConnected();
		this.seenPeer |= connected;
		this.peerGoneSince = check.lasting(this.seenPeer && !connected, this.peerGoneSince, check.peerGoneAfter(),
				PluginType.FUNCTION, this.symbol, "", "eKuiper is not connected to its function channel");
	}

	synchronized void close(Duration wait) {
		if (this.channel != null) {
			this.channel.close(wait);
			this.channel = null;
			this.state.stopped();
			this.generation = 0;
		}
	}

	/** Runs one call on the channel thread. */
	private Outcome call(FunctionRequest request) {
		FunctionRequest.Kind kind = request.kind();
		if (kind == FunctionRequest.Kind.IS_AGGREGATE) {
			return new Outcome(FunctionReply.success(this.aggregate), true);
		}
		InstanceContext.Call context = (kind == FunctionRequest.Kind.EXEC) ? context(request) : null;
		String ruleId = (context != null) ? context.ruleId() : "";
		try {
			if (context == null) {
				this.signature.checkCount(this.symbol, request.args().size());
			}
			else {
				this.signature.convert(this.symbol, request.args(), this.aggregate);
			}
		}
		catch (IllegalArgumentException ex) {
			// The SQL's fault, not the function's: the message says what is wrong.
			return failure(ruleId, ex.getMessage(), null);
		}
		if (context == null) {
			return validate(request);
		}
		try {
			return new Outcome(FunctionReply.success(this.function.exec(request.args(), context)), true);
		}
		catch (Exception | Error ex) {
			// On the channel's thread: whatever the function throws is answered, never
			// fatal.
			return failure(ruleId, Texts.failure(this.what, ex), ex);
		}
	}

	/**
	 * Runs the function's own validation: a refusal is the SQL's fault, answered with the
	 * exception's message alone, as written for the rule's author.
	 */
	private Outcome validate(FunctionRequest request) {
		try {
			this.function.validate(request.args());
			return new Outcome(FunctionReply.success(""), true);
		}
		catch (Exception ex) {
			String message = ex.getMessage();
			String refusal = (message == null || message.isBlank()) ? Texts.failure(this.what, ex)
					: Texts.shorten(Texts.oneLine(message));
			return new Outcome(FunctionReply.error(refusal), false);
		}
		catch (Error ex) {
			return failure("", Texts.failure(this.what, ex), ex);
		}
	}

	private Outcome failure(String ruleId, String error, Throwable ex) {
		this.state.failed(error);
		this.failures.warn(ruleId, error, ex, false);
		return new Outcome(FunctionReply.error(error), false);
	}

	private InstanceContext.Call context(FunctionRequest request) {
		InstanceContext.Call last = this.lastContext;
		SymbolMeta meta = request.context();
		if (last != null && last.meta().equals(meta) && last.funcId() == request.funcId()) {
			return last;
		}
		last = new InstanceContext.Call(this.symbol, meta, request.funcId());
		this.lastContext = last;
		return last;
	}

	private static String name(FunctionRequest.Kind kind) {
		return switch (kind) {
			case VALIDATE -> "Validate";
			case IS_AGGREGATE -> "IsAggregate";
			case EXEC -> "Exec";
		};
	}

	/** Answers the calls of one channel, on its thread, each timed by the watchdog. */
	private final class Calls implements HostChannel.Handler {

		/** Set before the channel starts. */
		private HostChannel channel;

		/** The watch of the thread serving now; replaced when a call expires. */
		private volatile CallWatchdog.Watch watch;

		private volatile FunctionRequest.Kind running;

		@Override
		public byte[] answer(byte[] requestBytes) {
			FunctionRequest request;
			try {
				request = FunctionRequest.parse(requestBytes);
			}
			catch (ProtocolException ex) {
				return FunctionReply.error(ex.getMessage());
			}
			CallWatchdog.Watch current = this.watch;
			if (current == null || !current.isOwnedByCurrentThread()) {
				current = FunctionChannel.this.watchdog.watchCurrentThread(this::expired);
				this.watch = current;
			}
			this.running = request.kind();
			long started = current.begin();
			Outcome outcome = call(request);
			if (!current.end()) {
				FunctionChannel.this.stuckCalls.decrementAndGet();
				return null;
			}
			FunctionChannel.this.observer.called(request.kind(), outcome.ok(), System.nanoTime() - started);
			return outcome.reply();
		}

		/**
		 * On the watchdog's thread: answers for the call that hangs; a new thread serves
		 * on.
		 */
		private void expired(CallWatchdog.Watch expired) {
			Duration timeout = FunctionChannel.this.watchdog.timeout();
			FunctionRequest.Kind kind = this.running;
			String error = FunctionChannel.this.what + ": " + name(kind) + " timed out after " + timeout.toMillis()
					+ " ms";
			logger.warn(error);
			FunctionChannel.this.state.failed(error);
			FunctionChannel.this.observer.called(kind, false, timeout.toNanos());
			if (FunctionChannel.this.stuckCalls.getAndIncrement() == 0) {
				FunctionChannel.this.stuckSince = System.nanoTime();
			}
			expired.owner().interrupt();
			this.channel.takeOver(FunctionReply.error(error));
		}

	}

	/** A call's reply and whether it succeeded. */
	private record Outcome(byte[] reply, boolean ok) {
	}

}
