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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.ekuiper.plugin.nng.NngException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FunctionConnection} against a {@link FakePlugin}.
 */
class FunctionConnectionTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@TempDir
	Path sockets;

	private EmbeddedHost host;

	private FakePlugin plugin;

	@AfterEach
	void closeAll() throws Exception {
		if (this.plugin != null) {
			this.plugin.close();
		}
		if (this.host != null) {
			this.host.close();
		}
	}

	@Test
	void startSendsTheEmptyMetaAndNoConfig() throws Exception {
		start(EmbeddedHost.builder("fake"), (request) -> "{\"state\":true,\"result\":null}");
		assertThat(this.plugin.commands().get(0).text()).isEqualTo("{\"cmd\":\"start\",\"arg\":\"{\\\"symbolName\\\":"
				+ "\\\"revert\\\",\\\"meta\\\":{\\\"ruleId\\\":\\\"\\\",\\\"opId\\\":\\\"\\\",\\\"instanceId\\\":0},"
				+ "\\\"pluginType\\\":\\\"func\\\"}\"}");
	}

	@Test
	void execAppendsTheContextAndDecodesTheReplyAsEkuiperDoes() throws Exception {
		FunctionConnection function = start(EmbeddedHost.builder("fake"),
				(request) -> "{\"state\":true,\"result\":" + request.path("arg") + "}");
		FunctionResult result = function.exec(List.of("abc", 2), "rule1", "op1");
		assertThat(result.state()).isTrue();
		assertThat(result.result())
			.isEqualTo(List.of("abc", 2.0, "{\"ruleId\":\"rule1\",\"opId\":\"op1\",\"instanceId\":0,\"funcId\":0}"));
	}

	@Test
	void validateAndIsAggregateAreSentAsEkuiperSendsThem() throws Exception {
		List<String> requests = new CopyOnWriteArrayList<>();
		FunctionConnection function = start(EmbeddedHost.builder("fake"), (request) -> {
			requests.add(request.toString());
			return "IsAggregate".equals(request.path("func").asString()) ? "{\"state\":true,\"result\":false}"
					: "{\"state\":false,\"result\":\"expects 1 argument\"}";
		});
		FunctionResult validation = function.validate(List.of());
		assertThat(validation.isError()).isTrue();
		assertThat(validation.result()).isEqualTo("expects 1 argument");
		assertThat(function.isAggregate()).isFalse();
		assertThat(function.isAggregate()).isFalse();
		assertThat(requests).containsExactly("{\"func\":\"Validate\",\"arg\":[]}",
				"{\"func\":\"IsAggregate\",\"arg\":null}");
	}

	@Test
	void isAggregateIsAskedAgainUntilTheReplyIsABoolean() throws Exception {
		AtomicInteger asked = new AtomicInteger();
		FunctionConnection function = start(EmbeddedHost.builder("fake"), (request) -> (asked.incrementAndGet() == 1)
				? "{\"state\":true,\"result\":\"yes\"}" : "{\"state\":true,\"result\":true}");
		assertThat(function.isAggregate()).isFalse();
		assertThat(function.isAggregate()).isTrue();
		assertThat(function.isAggregate()).isTrue();
		assertThat(asked).hasValue(2);
	}

	@Test
	void replyThatArrivesAfterTheTimeoutIsDiscardedByTheNextCall() throws Exception {
		CountDownLatch lateReplySent = new CountDownLatch(1);
		FunctionConnection function = start(EmbeddedHost.builder("fake").functionReceiveTimeout(Duration.ofMillis(300)),
				(request) -> {
					String argument = request.path("arg").get(0).asString();
					if ("slow".equals(argument)) {
						ControlChannelTests.sleep(Duration.ofMillis(700));
						lateReplySent.countDown();
					}
					return "{\"state\":true,\"result\":\"" + argument + "\"}";
				});
		assertThatExceptionOfType(HostTimeoutException.class)
			.isThrownBy(() -> function.exec(List.of("slow"), "rule1", "op1"))
			.withMessage("time out, plugin fake status running, message: ");
		assertThat(lateReplySent.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(function.exec(List.of("fast"), "rule1", "op1").result()).isEqualTo("fast");
		assertThat(function.exec(List.of("next"), "rule1", "op1").result()).isEqualTo("next");
	}

	@Test
	void staleHandshakeOnTheFunctionChannelMakesTheHostSendTheCallAgain() throws Exception {
		List<String> requests = new CopyOnWriteArrayList<>();
		FunctionConnection function = start(EmbeddedHost.builder("fake"), (request) -> {
			requests.add(request.toString());
			return (requests.size() == 1) ? "handshake" : "{\"state\":true,\"result\":1}";
		});
		assertThat(function.exec(List.of(), "rule1", "op1")).isEqualTo(new FunctionResult(true, 1.0));
		assertThat(requests).hasSize(2).containsOnly(requests.get(0));
	}

	@Test
	void replyThatDoesNotDecodeIsAnError() throws Exception {
		FunctionConnection function = start(EmbeddedHost.builder("fake"), (request) -> "{\"state\":\"yes\"}");
		assertThatExceptionOfType(HostException.class).isThrownBy(() -> function.exec(List.of(), "rule1", "op1"))
			.withMessage("Failed to unmarshal function result {\"state\":\"yes\"}: json: cannot unmarshal string "
					+ "into Go struct field FuncReply.state of type bool");
	}

	private FunctionConnection start(EmbeddedHost.Builder builder, Function<JsonNode, String> replies)
			throws Exception {
		this.host = builder.socketDirectory(this.sockets).build();
		this.plugin = FakePlugin.start(this.sockets, "fake", (command) -> {
			try {
				this.plugin.serveFunction(command.symbol(), replies);
				return "ok";
			}
			catch (NngException ex) {
				return "cannot dial: " + ex.getMessage();
			}
		});
		this.host.awaitHandshake(WAIT);
		return this.host.startFunction("revert");
	}

}
