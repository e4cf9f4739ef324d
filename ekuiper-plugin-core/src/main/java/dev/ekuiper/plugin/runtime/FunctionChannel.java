package dev.ekuiper.plugin.runtime;

import java.time.Duration;

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
 * a plugin restart), so a later {@code start func} has nothing to do. A call that hangs
 * past the function timeout gets its channel replaced, so later calls are served again.
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

	private InstanceContext.Call lastContext;

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
				this.settings.keepAlive(), this::answer, () -> {
				});
		this.channel.start();
		if (this.generation == 1) {
			this.state.started();
		}
	}

	/** Replaces the channel if a call has been running longer than the function timeout. */
	synchronized void checkHung() {
		long since = (this.channel != null) ? this.channel.handlingSince() : 0;
		if (since != 0 && System.nanoTime() - since > this.settings.functionTimeout().toNanos()) {
			String error = "Function " + this.symbol + " call took longer than " + this.settings.functionTimeout().toMillis()
					+ " ms; channel replaced";
			logger.warn(error);
			this.state.failed(error);
			this.channel.close(Duration.ZERO);
			try {
				open();
			}
			catch (NngException ex) {
				logger.error("Function {} channel cannot reopen: {}", this.symbol, ex.getMessage());
			}
		}
	}

	synchronized void close(Duration wait) {
		if (this.channel != null) {
			this.channel.close(wait);
			this.channel = null;
			this.state.stopped();
			this.generation = 0;
		}
	}

	private byte[] answer(byte[] requestBytes) {
		long started = System.nanoTime();
		FunctionRequest request;
		try {
			request = FunctionRequest.parse(requestBytes);
		}
		catch (ProtocolException ex) {
			return FunctionReply.error(ex.getMessage());
		}
		byte[] reply;
		boolean ok = true;
		try {
			reply = switch (request.kind()) {
				case IS_AGGREGATE -> FunctionReply.success(this.function.isAggregate());
				case VALIDATE -> {
					this.function.validate(request.args());
					yield FunctionReply.success("");
				}
				case EXEC -> FunctionReply.success(this.function.exec(request.args(), context(request)));
			};
		}
		catch (Exception | LinkageError | StackOverflowError ex) {
			ok = false;
			String error = Texts.describe(ex);
			this.state.failed(error);
			reply = FunctionReply.error(error);
		}
		this.observer.called(request.kind(), ok, System.nanoTime() - started);
		return reply;
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

}
