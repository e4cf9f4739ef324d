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

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ekuiper.plugin.nng.NngException;
import dev.ekuiper.plugin.nng.NngTimeoutException;

/**
 * A started function: the host's REP socket on {@code func_<symbol>.ipc}, on which the
 * host sends {@code Validate}, {@code IsAggregate} and {@code Exec} requests as replies
 * to the plugin's messages. Calls are strictly one at a time; a reply that arrives after
 * its call timed out is discarded by the next call, as in eKuiper.
 */
public final class FunctionConnection implements AutoCloseable {

	private final PluginControl control;

	private final String symbol;

	private final ReversedChannel channel;

	private Boolean aggregate;

	private FunctionConnection(PluginControl control, String symbol, ReversedChannel channel) {
		this.control = control;
		this.symbol = symbol;
		this.channel = channel;
	}

	/** Listens on the function socket, then sends start; on failure closes the socket. */
	static FunctionConnection start(PluginControl control, HostSettings settings, String symbol) {
		ReversedChannel channel = new ReversedChannel(settings.functionUrl(symbol), settings.functionSendTimeout(),
				settings.functionReceiveTimeout());
		try {
			control.start(Control.function(symbol));
		}
		catch (RuntimeException ex) {
			channel.close();
			throw ex;
		}
		return new FunctionConnection(control, symbol, channel);
	}

	/**
	 * Returns the function's symbol name.
	 * @return the symbol
	 */
	public String symbol() {
		return this.symbol;
	}

	/**
	 * Asks the function to validate arguments; eKuiper sends the SQL parser's AST nodes,
	 * such as {@code {"Val":1}} for a literal, of which only the count is reliable.
	 * @param astArgs the argument nodes
	 * @return the reply; {@code state} false fails the SQL
	 */
	public FunctionResult validate(List<?> astArgs) {
		return call("Validate", astArgs);
	}

	/**
	 * Asks whether the function aggregates. As in eKuiper, only a {@code state:true}
	 * reply with a boolean result counts and is cached; anything else means false and is
	 * asked again next time.
	 * @return whether the function is an aggregate
	 */
	public synchronized boolean isAggregate() {
		if (this.aggregate != null) {
			return this.aggregate;
		}
		FunctionResult reply = call("IsAggregate", null);
		if (reply.state() && reply.result() instanceof Boolean value) {
			this.aggregate = value;
			return value;
		}
		return false;
	}

	/**
	 * Calls the function; the context JSON text eKuiper appends is added as the last
	 * argument, with instance and function id 0.
	 * @param args the evaluated arguments; for an aggregate, each a list with one value
	 * per row
	 * @param ruleId the calling rule
	 * @param opId the calling operator
	 * @return the reply
	 */
	public FunctionResult exec(List<?> args, String ruleId, String opId) {
		List<Object> arguments = new ArrayList<>(args);
		arguments.add(GoJson.encodeText(new FunctionContext(ruleId, opId, 0, 0)));
		return call("Exec", arguments);
	}

	/**
	 * Sends any request, {@code {"func":<function>,"arg":<arg>}}, and decodes the reply.
	 * @param function the request name
	 * @param arg the argument, encoded as JSON
	 * @return the reply
	 * @throws HostTimeoutException with eKuiper's {@code time out, plugin …} text if no
	 * reply came within the receive timeout
	 * @throws HostException if the reply does not decode
	 */
	public FunctionResult call(String function, Object arg) {
		byte[] request = GoJson.encode(new FunctionRequest(function, arg));
		try {
			return FunctionResult.decode(this.channel.request(request));
		}
		catch (NngTimeoutException ex) {
			throw new HostTimeoutException("time out, plugin " + this.control.pluginName() + " status "
					+ this.control.status() + ", message: " + this.control.statusMessage(), ex);
		}
		catch (NngException ex) {
			throw new HostException("can't send message on function rep socket: " + ex.getMessage(), ex);
		}
	}

	/** Closes the function socket; eKuiper never stops functions. */
	@Override
	public void close() {
		this.channel.close();
	}

	/** The request eKuiper sends on a function channel. */
	@JsonPropertyOrder({ "func", "arg" })
	record FunctionRequest(String func, Object arg) {
	}

	/** The context eKuiper appends to {@code Exec} arguments, as JSON text. */
	@JsonPropertyOrder({ "ruleId", "opId", "instanceId", "funcId" })
	record FunctionContext(String ruleId, String opId, int instanceId, int funcId) {
	}

}
