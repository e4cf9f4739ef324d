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
package dev.ekuiper.plugin.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ekuiper.plugin.protocol.Channels;
import dev.ekuiper.plugin.protocol.ControlCommand;
import dev.ekuiper.plugin.protocol.Json;
import dev.ekuiper.plugin.protocol.PluginType;
import dev.ekuiper.plugin.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ControlCommand#parse} on any bytes: a command whose fields are all there, or a
 * {@link ProtocolException} whose message is a safe error answer; and the socket paths
 * named after a parsed command never leave the socket folder.
 *
 * <p>
 * Input layout: byte 0 picks how the rest is used: as the whole command, or as the
 * {@code arg} text of a start or a stop (so that the fuzzer reaches the argument's fields
 * without having to get the outer JSON right).
 */
class ControlCommandFuzzTests {

	private static final Path SOCKETS = Path.of("/tmp/fuzz-sockets");

	private static final Channels CHANNELS = new Channels(SOCKETS);

	@FuzzTest(maxDuration = "5m")
	void anyBytesAreACompleteCommandOrASafeError(byte[] input) {
		if (input.length == 0) {
			return;
		}
		byte[] rest = Arrays.copyOfRange(input, 1, input.length);
		byte[] command = switch (input[0] & 3) {
			case 1 -> wrap("start", rest);
			case 2 -> wrap("stop", rest);
			default -> rest;
		};
		ControlCommand parsed;
		try {
			parsed = ControlCommand.parse(command);
		}
		catch (ProtocolException ex) {
			FuzzChecks.assertSafeError(ex.getMessage());
			return;
		}
		assertThat(parsed.symbolName()).isNotNull();
		assertThat(parsed.type()).isNotNull();
		assertThat(parsed.meta()).isNotNull();
		assertThat(parsed.meta().ruleId()).isNotNull();
		assertThat(parsed.meta().opId()).isNotNull();
		assertThat(parsed.config()).isNotNull();
		assertStaysInTheSocketFolder(parsed);
	}

	@Test
	void unknownCmdHoldingALineBreakIsAnsweredOnOneLine() throws Exception {
		String command = "{\"cmd\":\"go\\nWARN forged log line\",\"arg\":\"{}\"}";
		assertThat(parseError(command)).isEqualTo("Unknown cmd 'go?WARN forged log line': expected start or stop");
	}

	@Test
	void unknownCmdCutInsideASurrogatePairIsStillEncodable() throws Exception {
		String command = "{\"cmd\":\"" + "c".repeat(63) + "\uD83D\uDE00\",\"arg\":\"{}\"}";
		String error = parseError(command);
		FuzzChecks.assertSafeError(error);
		assertThat(error).startsWith("Unknown cmd '" + "c".repeat(63));
	}

	private static String parseError(String command) {
		try {
			ControlCommand.parse(command.getBytes(StandardCharsets.UTF_8));
		}
		catch (ProtocolException ex) {
			FuzzChecks.assertSafeError(ex.getMessage());
			return ex.getMessage();
		}
		throw new AssertionError("parsed: " + command);
	}

	private static void assertStaysInTheSocketFolder(ControlCommand command) {
		try {
			String url = (command.type() == PluginType.FUNCTION) ? CHANNELS.function(command.symbolName())
					: CHANNELS.data(command.meta());
			Path path = Path.of(url.substring("ipc://".length()));
			assertThat(path.getParent()).isEqualTo(SOCKETS);
			assertThat(path.normalize()).isEqualTo(path);
			if (command.type() == PluginType.SINK) {
				assertThat(Path.of(CHANNELS.ack(command.meta()).substring("ipc://".length())).getParent())
					.isEqualTo(SOCKETS);
			}
		}
		catch (ProtocolException ex) {
			FuzzChecks.assertSafeError(ex.getMessage());
		}
	}

	private static byte[] wrap(String cmd, byte[] arg) {
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("cmd", cmd);
		command.put("arg", new String(arg, StandardCharsets.UTF_8));
		return Json.mapper().writeValueAsBytes(command);
	}

}
