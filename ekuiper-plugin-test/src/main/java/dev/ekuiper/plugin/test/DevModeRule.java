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
package dev.ekuiper.plugin.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One rule {@link DevMode} runs, {@code SELECT *, f(args) AS f FROM stream} with a sink
 * action, or {@code SELECT f(args) AS f FROM stream GROUP BY CountWindow(n)} for an
 * aggregate function: each record (or window of records) from the source goes through the
 * function and the sink, and comes back as the line that describes what happened to it.
 * The rule counts what each of its symbols did, for the summary.
 */
final class DevModeRule implements AutoCloseable {

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

	private final DevModeScenario.Rule rule;

	private final DevModeScenario.Stream stream;

	private final boolean named;

	private final Consumer<String> log;

	private final List<Map<String, Object>> window = new ArrayList<>();

	private FunctionConnection function;

	private boolean aggregate;

	private SinkConnection sink;

	private SourceConnection source;

	private long records;

	private long sourceErrors;

	private long calls;

	private long callErrors;

	private long sent;

	private long sinkErrors;

	private DevModeRule(DevModeScenario.Rule rule, DevModeScenario.Stream stream, boolean named, Consumer<String> log) {
		this.rule = rule;
		this.stream = stream;
		this.named = named;
		this.log = log;
	}

	/**
	 * Starts a rule as eKuiper does: the function when the SQL is parsed, then the sink,
	 * then the source.
	 * @param host the host
	 * @param rule the rule
	 * @param stream the stream it reads
	 * @param named whether printed lines carry the rule id
	 * @param functions the started function of a symbol, shared by the rules
	 * @param log receives problems met while stopping
	 * @return the running rule
	 * @throws HostException if a symbol cannot be started or the function refuses the
	 * call; what started is left running, see {@link #close()}
	 */
	static DevModeRule start(EmbeddedHost host, DevModeScenario.Rule rule, DevModeScenario.Stream stream, boolean named,
			Function<String, FunctionConnection> functions, Consumer<String> log) {
		DevModeRule started = new DevModeRule(rule, stream, named, log);
		if (rule.function() != null) {
			started.function = functions.apply(rule.function());
			started.validateFunction();
			started.aggregate = started.function.isAggregate();
			if (rule.window() > 0 && !started.aggregate) {
				throw new HostException("rule '" + rule.id() + "' has a window, but " + rule.function()
						+ " is not an aggregate function");
			}
		}
		if (rule.sink() != null) {
			started.sink = host.startSink(rule.sink(), rule.id(), rule.sink() + "_0", rule.properties());
		}
		started.source = host.startSource(stream.source(), rule.id(), stream.source() + "_0", stream.properties());
		return started;
	}

	/**
	 * Moves the next record through the rule, if one comes in time.
	 * @param timeout how long to wait for a record
	 * @return the line describing the record's way ({@code source}, {@code function} and
	 * {@code ack}), or for an aggregate the window's once it is full ({@code window},
	 * {@code function} and {@code ack})
	 */
	Optional<Map<String, Object>> next(Duration timeout) {
		return this.source.poll(timeout).flatMap(this::flow);
	}

	/**
	 * Describes the rule in eKuiper's terms.
	 * @return one line
	 */
	String describe() {
		StringBuilder text = new StringBuilder("rule '").append(this.rule.id()).append("': SELECT ");
		if (!this.aggregate) {
			text.append('*');
		}
		if (this.function != null) {
			String name = this.rule.function();
			text.append(this.aggregate ? "" : ", ").append(name).append('(');
			text.append(String.join(", ", this.rule.args())).append(") AS ").append(name);
		}
		text.append(" FROM ").append(this.rule.stream()).append(" (TYPE=\"").append(this.stream.source()).append("\")");
		if (this.aggregate) {
			text.append(" GROUP BY CountWindow(").append(this.rule.windowOrDefault()).append(')');
		}
		if (this.sink != null) {
			text.append(" -> ").append(this.rule.sink()).append(this.sink.requireAck() ? " with requireAck" : "");
		}
		return text.toString();
	}

	/**
	 * Tells what each symbol of the rule did.
	 * @return one line
	 */
	String summary() {
		StringBuilder text = new StringBuilder("rule '").append(this.rule.id()).append("': ");
		text.append(this.stream.source()).append(' ').append(this.records).append(" record(s), ");
		text.append(this.sourceErrors).append(" error(s)");
		if (this.function != null) {
			text.append("; ").append(this.rule.function()).append(' ').append(this.calls).append(" call(s), ");
			text.append(this.callErrors).append(" error(s)");
		}
		if (this.sink != null) {
			text.append("; ").append(this.rule.sink()).append(' ').append(this.sent);
			text.append(this.sink.requireAck() ? " ack(s), " : " sent, ").append(this.sinkErrors).append(" error(s)");
		}
		return text.toString();
	}

	/**
	 * Returns how many errors the rule met: undecodable records, failed calls and sends.
	 * @return the count
	 */
	long errors() {
		return this.sourceErrors + this.callErrors + this.sinkErrors;
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
		for (String field : this.rule.args()) {
			nodes.add(Map.of("StreamName", "", "Name", field));
		}
		FunctionResult result = this.function.validate(nodes);
		if (!result.state()) {
			throw new HostException("validate " + this.rule.function() + "(" + String.join(", ", this.rule.args())
					+ ") failed: " + result.result() + "; name the record fields it takes as the rule's args");
		}
	}

	private Optional<Map<String, Object>> flow(SourceTuple tuple) {
		this.records++;
		Map<String, Object> line = newLine();
		if (!tuple.isValid()) {
			this.sourceErrors++;
			line.put("source", Map.of("error", tuple.decodeError()));
			return Optional.of(line);
		}
		if (this.aggregate) {
			this.window.add(tuple.message());
			if (this.window.size() < this.rule.windowOrDefault()) {
				return Optional.empty();
			}
			List<Map<String, Object>> rows = List.copyOf(this.window);
			this.window.clear();
			line.put("window", rows);
			Object result = call(rows);
			line.put("function", result);
			Map<String, Object> row = new LinkedHashMap<>();
			row.put(this.rule.function(), (result instanceof Failure) ? null : result);
			send(line, row);
			return Optional.of(line);
		}
		line.put("source", tuple.message());
		if (!tuple.meta().isEmpty()) {
			line.put("meta", tuple.meta());
		}
		Map<String, Object> row = new LinkedHashMap<>(tuple.message());
		if (this.function != null) {
			Object result = call(List.of(tuple.message()));
			line.put("function", result);
			row.put(this.rule.function(), (result instanceof Failure) ? null : result);
		}
		send(line, row);
		return Optional.of(line);
	}

	private Map<String, Object> newLine() {
		Map<String, Object> line = new LinkedHashMap<>();
		if (this.named) {
			line.put("rule", this.rule.id());
		}
		return line;
	}

	/**
	 * Calls the function on rows: a scalar with one value per argument, an aggregate with
	 * a list per argument holding one value per row, as eKuiper's valuer evaluates it
	 * over a group ({@code internal/xsql/valuer.go}).
	 */
	private Object call(List<Map<String, Object>> rows) {
		List<Object> arguments = new ArrayList<>();
		for (String field : this.rule.args()) {
			if (this.aggregate) {
				List<Object> column = new ArrayList<>(rows.size());
				rows.forEach((row) -> column.add(row.get(field)));
				arguments.add(column);
			}
			else {
				arguments.add(rows.get(0).get(field));
			}
		}
		this.calls++;
		try {
			FunctionResult result = this.function.exec(arguments, this.rule.id(), this.rule.function() + "_0");
			if (result.isError()) {
				this.callErrors++;
				return new Failure(String.valueOf(result.result()));
			}
			return result.result();
		}
		catch (HostException ex) {
			this.callErrors++;
			return new Failure(ex.getMessage());
		}
	}

	private void send(Map<String, Object> line, Map<String, Object> row) {
		if (this.sink == null) {
			return;
		}
		this.sent++;
		try {
			// eKuiper's Go encoder writes whole numbers without a fraction.
			this.sink.sendJson(List.of(row));
			if (!this.sink.requireAck()) {
				return;
			}
			Ack ack = this.sink.awaitAck(ACK_TIMEOUT);
			if (ack.isSuccess()) {
				line.put("ack", Map.of());
				return;
			}
			this.sinkErrors++;
			line.put("ack", new Failure(ack.error()));
		}
		catch (HostException ex) {
			this.sinkErrors++;
			line.put("ack", new Failure(ex.getMessage()));
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
			this.log.accept("stopping rule '" + this.rule.id() + "': " + ex.getMessage());
		}
	}

	/**
	 * An error in the printed line, {@code {"error":"…"}}.
	 *
	 * @param error the error text
	 */
	record Failure(String error) {
	}

}
