package dev.ekuiper.plugin.runtime;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.protocol.FunctionReply;
import dev.ekuiper.plugin.protocol.FunctionRequest;
import dev.ekuiper.plugin.protocol.ProtocolException;
import dev.ekuiper.plugin.protocol.SymbolMeta;
import dev.ekuiper.plugin.protocol.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one function for the process's life on {@code func_<name>.ipc}. The channel is
 * opened for every declared function at start-up (eKuiper replays only one function after
 * a plugin restart), so a later {@code start func} only makes sure it is connected. Each
 * call runs on a worker thread for at most the function timeout: a call that takes longer
 * is answered with an error, and later calls are served on a fresh worker.
 */
final class FunctionChannel {

	private static final Logger logger = LoggerFactory.getLogger(FunctionChannel.class);

	private final String symbol;

	private final Function function;

	private final String url;

	private final RuntimeSettings settings;

	private final RuntimeObserver.FunctionObserver observer;

	private final SymbolState state;

	private HostChannel channel;

	private int generation;

	/** Runs the calls; replaced when a call hangs. */
	private volatile ExecutorService calls;

	private volatile InstanceContext.Call lastContext;

	FunctionChannel(String symbol, Function function, String url, RuntimeSettings settings, RuntimeObserver observer,
			SymbolState state) {
		this.symbol = symbol;
		this.function = function;
		this.url = url;
		this.settings = settings;
		this.observer = observer.functionOpened(symbol);
		this.state = state;
	}

	synchronized void open() throws NngException {
		this.generation++;
		this.channel = new HostChannel("ekuiper-func-" + this.symbol + "-" + this.generation, this.url,
				this.settings, this::answer, () -> {
				}, HostChannel.Kind.FUNCTION);
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

	synchronized void close(Duration wait) {
		if (this.channel != null) {
			this.channel.close(wait);
			this.channel = null;
			this.state.stopped();
			this.generation = 0;
		}
		ExecutorService worker = this.calls;
		if (worker != null) {
			worker.shutdownNow();
		}
	}

	private byte[] answer(byte[] requestBytes) {
		FunctionRequest request;
		try {
			request = FunctionRequest.parse(requestBytes);
		}
		catch (ProtocolException ex) {
			return FunctionReply.error(ex.getMessage());
		}
		long started = System.nanoTime();
		long timeout = this.settings.functionTimeout().toMillis();
		ExecutorService worker = this.calls;
		if (worker == null) {
			worker = newWorker();
			this.calls = worker;
		}
		Outcome outcome;
		try {
			outcome = worker.submit(() -> call(request)).get(timeout, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// Abandon the worker, interrupting it; the next call gets a fresh one.
			worker.shutdownNow();
			this.calls = null;
			String error = "Timed out: function '" + this.symbol + "' " + name(request.kind()) + " took longer than "
					+ timeout + " ms";
			logger.warn(error);
			this.state.failed(error);
			outcome = new Outcome(FunctionReply.error(error), false);
		}
		catch (ExecutionException ex) {
			outcome = failure(ex.getCause());
		}
		catch (InterruptedException | RejectedExecutionException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			outcome = new Outcome(FunctionReply.error("Interrupted: the plugin is stopping"), false);
		}
		this.observer.called(request.kind(), outcome.ok(), System.nanoTime() - started);
		return outcome.reply();
	}

	/** Returns a worker thread that ends when idle for a while. */
	private ExecutorService newWorker() {
		ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "ekuiper-func-" + this.symbol + "-call");
					thread.setDaemon(true);
					return thread;
				});
		worker.allowCoreThreadTimeOut(true);
		return worker;
	}

	/** Runs one call on the worker thread. */
	private Outcome call(FunctionRequest request) {
		try {
			return new Outcome(switch (request.kind()) {
				case IS_AGGREGATE -> FunctionReply.success(this.function.isAggregate());
				case VALIDATE -> {
					this.function.validate(request.args());
					yield FunctionReply.success("");
				}
				case EXEC -> FunctionReply.success(this.function.exec(request.args(), context(request)));
			}, true);
		}
		catch (Exception | LinkageError | StackOverflowError ex) {
			return failure(ex);
		}
	}

	private Outcome failure(Throwable ex) {
		String error = Texts.describe(ex);
		this.state.failed(error);
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

	/** A call's reply and whether it succeeded. */
	private record Outcome(byte[] reply, boolean ok) {
	}

}
