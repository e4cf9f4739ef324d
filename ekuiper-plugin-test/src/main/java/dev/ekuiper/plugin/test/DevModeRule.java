package dev.ekuiper.plugin.test;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule {@link DevMode} runs, {@code SELECT *, f(args) AS f FROM stream} with a sink
 * action: each record from the source goes through the function and the sink, and comes
 * back as the line that describes what happened to it.
 */
final class DevModeRule implements AutoCloseable {

	static final String ID = "devmode";

	static final String STREAM = "devstream";

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

	private final DevModeOptions options;

	private final PrintStream err;

	private FunctionConnection function;

	private boolean aggregate;

	private SinkConnection sink;

	private SourceConnection source;

	private DevModeRule(DevModeOptions options, PrintStream err) {
		this.options = options;
		this.err = err;
	}

	/**
	 * Starts the rule as eKuiper does: the function when the SQL is parsed, then the sink,
	 * then the source.
	 * @throws HostException if a symbol cannot be started; what started is left running
	 */
	static DevModeRule start(EmbeddedHost host, DevModeOptions options, PrintStream err) {
		DevModeRule rule = new DevModeRule(options, err);
		if (options.function() != null) {
			rule.function = host.startFunction(options.function());
			rule.validateFunction();
			rule.aggregate = rule.function.isAggregate();
		}
		if (options.sink() != null) {
			rule.sink = host.startSink(options.sink(), ID, options.sink() + "_0", options.sinkConfig());
		}
		rule.source = host.startSource(options.source(), ID, STREAM, options.sourceConfig());
		return rule;
	}

	/**
	 * Moves the next record through the rule, if one comes in time.
	 * @param timeout how long to wait for a record
	 * @return the line describing the record's way: {@code source}, {@code function} and
	 * {@code ack}
	 */
	Optional<Map<String, Object>> next(Duration timeout) {
		return this.source.poll(timeout).map(this::flow);
	}

	/**
	 * Describes the rule in eKuiper's terms.
	 * @return one line
	 */
	String describe() {
		StringBuilder rule = new StringBuilder("SELECT *");
		if (this.function != null) {
			String name = this.options.function();
			rule.append(", ").append(name).append('(').append(String.join(", ", this.options.arguments()));
			rule.append(") AS ").append(name);
		}
		rule.append(" FROM ").append(STREAM).append(" (TYPE=\"").append(this.options.source()).append("\")");
		if (this.sink != null) {
			rule.append(" -> ").append(this.options.sink()).append(this.sink.requireAck() ? " with requireAck" : "");
		}
		return rule.toString();
	}

	/** Stops the source and the sink as eKuiper does when a rule stops. */
	@Override
	public void close() {
		closeQuietly(this.source);
		closeQuietly(this.sink);
	}

	/** Validates the call as eKuiper does when it parses the rule's SQL. */
	private void validateFunction() {
		List<Object> nodes = new ArrayList<>();
		for (String field : this.options.arguments()) {
			nodes.add(Map.of("StreamName", "", "Name", field));
		}
		FunctionResult result = this.function.validate(nodes);
		if (!result.state()) {
			throw new HostException("validate " + this.options.function() + " failed: " + result.result());
		}
	}

	private Map<String, Object> flow(SourceTuple tuple) {
		Map<String, Object> line = new LinkedHashMap<>();
		if (!tuple.isValid()) {
			line.put("source", Map.of("error", tuple.decodeError()));
			return line;
		}
		line.put("source", tuple.message());
		if (!tuple.meta().isEmpty()) {
			line.put("meta", tuple.meta());
		}
		Map<String, Object> row = new LinkedHashMap<>(tuple.message());
		if (this.function != null) {
			Object result = call(tuple.message());
			line.put("function", result);
			row.put(this.options.function(), (result instanceof Failure) ? null : result);
		}
		if (this.sink != null) {
			line.put("ack", send(row));
		}
		return line;
	}

	private Object call(Map<String, Object> message) {
		List<Object> arguments = new ArrayList<>();
		for (String field : this.options.arguments()) {
			Object value = message.get(field);
			// Without a window, an aggregate sees each record as a group of one.
			arguments.add(this.aggregate ? List.of(value) : value);
		}
		try {
			FunctionResult result = this.function.exec(arguments, ID, "project");
			return result.isError() ? new Failure(String.valueOf(result.result())) : result.result();
		}
		catch (HostException ex) {
			return new Failure(ex.getMessage());
		}
	}

	private Object send(Map<String, Object> row) {
		try {
			// eKuiper's Go encoder writes whole numbers without a fraction.
			this.sink.sendJson(List.of(row));
			if (!this.sink.requireAck()) {
				return null;
			}
			Ack ack = this.sink.awaitAck(ACK_TIMEOUT);
			return ack.isSuccess() ? Map.of() : new Failure(ack.error());
		}
		catch (HostException ex) {
			return new Failure(ex.getMessage());
		}
	}

	private void closeQuietly(AutoCloseable connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (Exception ex) {
			this.err.println("Dev mode: " + ex.getMessage());
		}
	}

	/** An error in the printed line, {@code {"error":"…"}}. */
	record Failure(String error) {
	}

}
