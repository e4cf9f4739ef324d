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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.ekuiper.plugin.nng.RepSocket;
import dev.ekuiper.plugin.test.Ack;
import dev.ekuiper.plugin.test.FunctionConnection;
import dev.ekuiper.plugin.test.FunctionResult;
import dev.ekuiper.plugin.test.SinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the host sends, the plugin answers with a short error that never starts with
 * {@code h} (which would make eKuiper resend forever), carries no stack trace, and goes
 * on serving the next command.
 */
class BadInputTests extends RuntimeTestSupport {

	private static final int LIMIT = 64 * 1024;

	@Override
	RuntimeSettings settings() {
		return super.settings().withMaxReceiveSize(LIMIT);
	}

	static Stream<Arguments> badCommands() {
		Map<String, Object> noSymbol = Commands.arg("source", "probe", "rule1", "s", Map.of());
		noSymbol.remove("symbolName");
		Map<String, Object> numericSymbol = Commands.arg("source", "probe", "rule1", "s", Map.of());
		numericSymbol.put("symbolName", 5);
		Map<String, Object> noType = Commands.arg("source", "probe", "rule1", "s", Map.of());
		noType.remove("pluginType");
		Map<String, Object> stringMeta = Commands.arg("source", "probe", "rule1", "s", Map.of());
		stringMeta.put("meta", "rule1");
		Map<String, Object> numericRule = Commands.arg("source", "probe", "rule1", "s", Map.of());
		numericRule.put("meta", Map.of("ruleId", 7, "opId", "s", "instanceId", 0));
		Map<String, Object> textInstance = Commands.arg("source", "probe", "rule1", "s", Map.of());
		textInstance.put("meta", Map.of("ruleId", "rule1", "opId", "s", "instanceId", "zero"));
		Map<String, Object> listConfig = Commands.arg("source", "probe", "rule1", "s", null);
		listConfig.put("config", List.of(1, 2));
		List<Arguments> cases = new ArrayList<>();
		cases.add(Arguments.of("truncated JSON", "{\"cmd\":",
				"Command is not valid JSON: Unexpected end-of-input within/between Object entries"));
		cases.add(Arguments.of("not JSON", "hello there",
				"Command is not valid JSON: Unrecognized token 'hello': was expecting (JSON String, Number, …"));
		cases.add(Arguments.of("empty", "", "Command must be a JSON object"));
		cases.add(Arguments.of("JSON array", "[1,2]", "Command must be a JSON object"));
		cases.add(Arguments.of("JSON string", "\"start\"", "Command must be a JSON object"));
		cases.add(Arguments.of("NUL bytes", "\u0000\u0000",
				"Command is not valid JSON: Illegal character ((CTRL-CHAR, code 0)): only regular white spac…"));
		cases.add(Arguments.of("unknown cmd", Commands.command("restart", "source", "probe", "rule1", "s", Map.of()),
				"Unknown cmd 'restart': expected start or stop"));
		cases.add(Arguments.of("missing cmd", "{\"arg\":\"{}\"}", "Command needs a string 'cmd'"));
		cases.add(Arguments.of("numeric cmd", "{\"cmd\":1,\"arg\":\"{}\"}", "Command needs a string 'cmd'"));
		cases.add(Arguments.of("missing arg", "{\"cmd\":\"start\"}", "Command arg must be a JSON text in a string"));
		cases.add(Arguments.of("arg as an object", "{\"cmd\":\"start\",\"arg\":{\"symbolName\":\"probe\"}}",
				"Command arg must be a JSON text in a string"));
		cases.add(Arguments.of("arg as a number", "{\"cmd\":\"start\",\"arg\":42}",
				"Command arg must be a JSON text in a string"));
		cases.add(Arguments.of("arg not JSON", "{\"cmd\":\"start\",\"arg\":\"symbol=probe\"}",
				"Command arg is not valid JSON: Unrecognized token 'symbol': was expecting (JSON String, Number,…"));
		cases.add(Arguments.of("arg a JSON array", "{\"cmd\":\"start\",\"arg\":\"[]\"}",
				"Command arg must be a JSON object"));
		cases.add(Arguments.of("no symbolName", Commands.command("start", noSymbol),
				"Command arg needs a string 'symbolName'"));
		cases.add(Arguments.of("numeric symbolName", Commands.command("start", numericSymbol),
				"Command arg needs a string 'symbolName'"));
		cases.add(Arguments.of("no pluginType", Commands.command("start", noType),
				"Command arg needs a string 'pluginType'"));
		cases.add(Arguments.of("pluginType function", Commands.command("start", "function", "probe", "", "", null),
				"Unknown pluginType 'function': expected source, sink or func"));
		cases.add(Arguments.of("unknown source", Commands.command("start", "source", "nosuch", "rule1", "s", Map.of()),
				"cannot start source 'nosuch' for rule 'rule1': no such source in plugin 'probes'"));
		cases.add(
				Arguments.of("unknown sink", Commands.command("start", "sink", "nosuch", "rule1", "nosuch_0", Map.of()),
						"cannot start sink 'nosuch' for rule 'rule1': no such sink in plugin 'probes'"));
		cases.add(Arguments.of("unknown function", Commands.command("start", "func", "nosuch", "", "", null),
				"cannot start function 'nosuch': no such function in plugin 'probes'"));
		cases.add(Arguments.of("symbol starting with h",
				Commands.command("start", "source", "hidden", "rule1", "s", Map.of()),
				"cannot start source 'hidden' for rule 'rule1': no such source in plugin 'probes'"));
		cases.add(
				Arguments.of("meta a string", Commands.command("start", stringMeta), "Command meta must be an object"));
		cases.add(Arguments.of("numeric ruleId", Commands.command("start", numericRule),
				"Command meta ruleId must be a string"));
		cases.add(Arguments.of("text instanceId", Commands.command("start", textInstance),
				"Command meta instanceId must be an integer"));
		cases.add(Arguments.of("config a list", Commands.command("start", listConfig),
				"Command config must be an object"));
		cases.add(Arguments.of("config of the wrong type",
				Commands.command("start", "source", "probe", "rule1", "s", Map.of("count", "many")),
				"cannot start source 'probe' for rule 'rule1': config failed: "
						+ "property 'count' = 'many': expected a whole number (int)"));
		cases.add(Arguments.of("oversize command",
				Commands.command("start", "source", "probe", "rule1", "s", Map.of("pad", "x".repeat(LIMIT))),
				"Command of " + (LIMIT + 166) + " bytes exceeds the limit of " + LIMIT + " bytes"));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badCommands")
	void badCommandGetsAShortErrorAndThePluginKeepsServing(String name, String command, String expected) {
		String answer = this.host.sendRawCommand(command);
		assertThat(answer).isEqualTo(expected);
		assertSafeError(answer);
		assertStillServing();
	}

	@Test
	void stopOfAnUnknownKeyIsAnsweredOk() {
		assertThat(this.host.sendRawCommand(Commands.command("stop", "source", "probe", "never", "started", null)))
			.isEqualTo("ok");
		assertThat(this.host.sendRawCommand(Commands.command("stop", "sink", "nosuch", "never", "started", null)))
			.isEqualTo("ok");
		assertStillServing();
	}

	@Test
	void badFunctionRequestsGetStateFalseAndTheChannelKeepsServing() {
		FunctionConnection probe = this.host.startFunction("probe");
		Map<String, FunctionResult> replies = new LinkedHashMap<>();
		replies.put("unknown func", probe.call("Nope", null));
		replies.put("Exec arg an object", probe.call("Exec", Map.of("a", 1)));
		replies.put("Exec without context", probe.call("Exec", List.of()));
		replies.put("Exec context not JSON", probe.call("Exec", List.of("a", "ruleId=1")));
		replies.put("Exec context an array", probe.call("Exec", List.of("a", "[1]")));
		replies.put("Exec context not a string", probe.call("Exec", List.of("a", 5)));
		replies.put("Validate arg a number", probe.call("Validate", 5));
		replies.put("exec throws", probe.exec(List.of("throw"), "rule1", "op1"));
		replies.put("result not encodable", probe.exec(List.of("unencodable"), "rule1", "op1"));
		replies.put("oversize request", probe.exec(List.of("x".repeat(LIMIT)), "rule1", "op1"));
		replies.forEach((name, reply) -> {
			assertThat(reply.state()).as(name).isFalse();
			assertSafeError((String) reply.result());
			assertThat(probe.exec(List.of("echo"), "rule1", "op1")).as("after " + name)
				.isEqualTo(new FunctionResult(true, "echo"));
		});
		assertThat(replies).containsExactly(
				Map.entry("unknown func", error("Invalid func 'Nope': expected Validate, IsAggregate or Exec")),
				Map.entry("Exec arg an object", error("Exec arg must be an array")),
				Map.entry("Exec without context", error("Exec arg must end with the context as a JSON text")),
				Map.entry("Exec context not JSON",
						error("Exec context is not valid JSON: Unrecognized token 'ruleId': "
								+ "was expecting (JSON String, Number,…")),
				Map.entry("Exec context an array", error("Exec context must be a JSON object")),
				Map.entry("Exec context not a string", error("Exec arg must end with the context as a JSON text")),
				Map.entry("Validate arg a number", error("Validate arg must be an array")),
				Map.entry("exec throws", error("function 'probe': IllegalStateException: hopeless input")),
				Map.entry("result not encodable", error("Result cannot be encoded as JSON: no value")),
				Map.entry("oversize request", error(
						"Function request of " + (LIMIT + 98) + " bytes exceeds the limit of " + LIMIT + " bytes")));
		assertStillServing();
	}

	@Test
	void malformedFunctionRequestsGetStateFalse() throws Exception {
		try (RepSocket rep = new RepSocket()) {
			rep.setReceiveTimeout(WAIT);
			rep.listen("ipc://" + this.sockets.resolve("func_probe.ipc"));
			assertThat(text(rep.receive())).isEqualTo("handshake");
			Map<String, String> replies = new LinkedHashMap<>();
			for (String request : new String[] { "{\"func\":", "hello", "", "[]", "{\"func\":5}", "{}" }) {
				rep.send(request.getBytes(StandardCharsets.UTF_8));
				String reply = text(rep.receive());
				replies.put(request, reply);
				rep.send("{\"func\":\"Exec\",\"arg\":[\"fine\",\"{}\"]}".getBytes(StandardCharsets.UTF_8));
				assertThat(text(rep.receive())).isEqualTo("{\"state\":true,\"result\":\"fine\"}");
			}
			assertThat(replies).containsExactly(
					Map.entry("{\"func\":",
							"{\"state\":false,\"result\":\"Function request is not valid JSON: "
									+ "Unexpected end-of-input within/between Object entries\"}"),
					Map.entry("hello",
							"{\"state\":false,\"result\":\"Function request is not valid JSON: "
									+ "Unrecognized token 'hello': was expecting (JSON String, Number, …\"}"),
					Map.entry("", "{\"state\":false,\"result\":\"Function request needs a string 'func'\"}"),
					Map.entry("[]", "{\"state\":false,\"result\":\"Function request needs a string 'func'\"}"),
					Map.entry("{\"func\":5}",
							"{\"state\":false,\"result\":\"Function request needs a string 'func'\"}"),
					Map.entry("{}", "{\"state\":false,\"result\":\"Function request needs a string 'func'\"}"));
		}
	}

	@Test
	void oversizeSinkPayloadIsAckedWithAnErrorAndTheNextOneIsCollected() {
		SinkConnection sink = this.host.startSink("probe", "rule1", "probe_0", Map.of("requireAck", true));
		sink.send(("\"" + "x".repeat(LIMIT) + "\"").getBytes(StandardCharsets.UTF_8));
		Ack ack = sink.awaitAck(WAIT);
		assertThat(ack.rawText()).isEqualTo("{\"error\":\"sink 'probe': Payload of " + (LIMIT + 2)
				+ " bytes exceeds the limit of " + LIMIT + " bytes\"}");
		sink.sendRow(Map.of("after", true));
		assertThat(sink.awaitAck(WAIT).rawText()).isEqualTo("{}");
		assertThat(this.probes.collected).containsExactly("1: [{\"after\":true}]");
		assertStillServing();
	}

	private static FunctionResult error(String message) {
		return new FunctionResult(false, message);
	}

	/**
	 * A safe error: never starts with {@code h}, one line, short, no stack trace and no
	 * cause chain (an exception's simple type name is part of the answer).
	 */
	static void assertSafeError(String answer) {
		assertThat(answer).isNotEmpty()
			.doesNotStartWith("h")
			.doesNotContain("\n", "\tat ", "Traceback", "Caused by", "java.lang.");
		assertThat(answer.length()).isLessThan(300);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
