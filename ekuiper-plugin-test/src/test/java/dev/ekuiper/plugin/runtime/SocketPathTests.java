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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.protocol.Channels;
import dev.ekuiper.plugin.protocol.ProtocolException;
import dev.ekuiper.plugin.test.EmbeddedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rule and operator ids become socket file names: ids that would leave the socket folder
 * or make a path longer than a Unix socket allows are refused, and nothing is created
 * outside the folder. The socket folder is nested two levels inside the test's own folder
 * so that an escape would be seen.
 */
class SocketPathTests extends RuntimeTestSupport {

	private Path nested() {
		return this.sockets.resolve("a").resolve("b");
	}

	@Override
	RuntimeSettings settings() {
		return super.settings().withSocketDirectory(nested());
	}

	@Override
	EmbeddedHost newHost() {
		try {
			Files.createDirectories(nested());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return EmbeddedHost.builder(PLUGIN).socketDirectory(nested()).initTimeout(WAIT).commandTimeout(WAIT).build();
	}

	@ParameterizedTest(name = "{0} {1} ''{2}''")
	@CsvSource(delimiter = '|', value = {
			"source | ruleId | ../escape | Refused ruleId '../escape': it must not contain '/', '\\', '..' or NUL",
			"source | ruleId | .. | Refused ruleId '..': it must not contain '/', '\\', '..' or NUL",
			"source | opId | x/../../y | Refused opId 'x/../../y': it must not contain '/', '\\', '..' or NUL",
			"sink | ruleId | /etc | Refused ruleId '/etc': it must not contain '/', '\\', '..' or NUL",
			"sink | opId | a\\b | Refused opId 'a\\b': it must not contain '/', '\\', '..' or NUL",
			"sink | ruleId | nul\u0000byte | Refused ruleId 'nul?byte': it must not contain '/', '\\', '..' or NUL",
			"source | ruleId | '' | Missing ruleId", "sink | opId | '' | Missing opId" })
	void idThatWouldLeaveTheSocketFolderIsRefused(String type, String field, String id, String expected)
			throws Exception {
		String ruleId = field.equals("ruleId") ? id : "rule1";
		String opId = field.equals("opId") ? id : "op1";
		String answer = this.host
			.sendRawCommand(Commands.command("start", type, "probe", ruleId, opId, Map.of("requireAck", true)));
		assertThat(answer).isEqualTo(expected);
		BadInputTests.assertSafeError(answer);
		assertNothingCreatedOutsideTheSocketFolder();
		assertThat(this.probes.sourcesCreated.get() + this.probes.sinksCreated.get()).isZero();
		assertStillServing();
	}

	@Test
	void idThatMakesTheSocketPathTooLongIsRefused() throws Exception {
		String ruleId = "r".repeat(120);
		Path path = nested().toAbsolutePath().resolve(ruleId + "_s_0.ipc");
		String shown = path.toString().substring(0, 64) + "…";
		String answer = this.host.sendRawCommand(Commands.command("start", "source", "probe", ruleId, "s", Map.of()));
		assertThat(answer).isEqualTo(
				"Socket path " + shown + " is " + path.toString().length() + " bytes; Unix socket paths are limited to "
						+ Channels.MAX_PATH_BYTES + " bytes (shorten the rule or stream name)");
		BadInputTests.assertSafeError(answer);
		String sinkAnswer = this.host.sendRawCommand(Commands.command("start", "sink", "probe", ruleId, "s", Map.of()));
		assertThat(sinkAnswer).startsWith("Socket path ").endsWith("(shorten the rule or stream name)");
		assertNothingCreatedOutsideTheSocketFolder();
		assertStillServing();
	}

	@Test
	void socketPathOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		String folder = nested().toAbsolutePath() + "/";
		String longest = "r".repeat(Channels.MAX_PATH_BYTES - folder.length() - "_s_0.ipc".length());
		assertThat(this.host.startSource("probe", longest, "s", Map.of("count", 1)).next(WAIT).isValid()).isTrue();
		assertThat(this.host.sendRawCommand(Commands.command("start", "source", "probe", longest + "r", "s", Map.of())))
			.startsWith("Socket path ")
			.contains(" is " + (Channels.MAX_PATH_BYTES + 1) + " bytes; ");
	}

	@Test
	void unsafePluginOrFunctionNameFailsTheStartAndLeavesNothingRunning() throws Exception {
		PluginRuntime badFunction = new PluginRuntime(
				PluginDefinition.builder("bad").function("../evil", (args, context) -> null).build(), settings(),
				RuntimeObserver.NONE);
		assertThatExceptionOfType(PluginStartException.class).isThrownBy(badFunction::start)
			.withMessage("Cannot start eKuiper plugin 'bad': "
					+ "Refused symbol name '../evil': it must not contain '/', '\\', '..' or NUL")
			.withCauseInstanceOf(ProtocolException.class);
		assertThat(badFunction.isRunning()).isFalse();
		badFunction.stop();
		PluginRuntime badPlugin = new PluginRuntime(
				PluginDefinition.builder("../bad").function("fine", (args, context) -> null).build(), settings(),
				RuntimeObserver.NONE);
		assertThatExceptionOfType(PluginStartException.class).isThrownBy(badPlugin::start)
			.withMessage("Cannot start eKuiper plugin '../bad': "
					+ "Refused plugin name '../bad': it must not contain '/', '\\', '..' or NUL")
			.withCauseInstanceOf(ProtocolException.class);
		assertThat(badPlugin.isRunning()).isFalse();
		assertNothingCreatedOutsideTheSocketFolder();
		assertStillServing();
	}

	@Test
	void idsWithDollarSignsOfASharedStreamAreAccepted() {
		// A shared stream runs under rule $$subtopo_<stream>, operator subtopo_<stream>.
		assertThat(this.host.startSource("probe", "$$subtopo_demo", "subtopo_demo", Map.of("count", 1))
			.next(WAIT)
			.isValid()).isTrue();
	}

	private void assertNothingCreatedOutsideTheSocketFolder() throws Exception {
		try (Stream<Path> top = Files.list(this.sockets); Stream<Path> middle = Files.list(this.sockets.resolve("a"))) {
			assertThat(top.map(Path::getFileName).map(Path::toString)).containsExactly("a");
			assertThat(middle.map(Path::getFileName).map(Path::toString)).containsExactly("b");
		}
		try (Stream<Path> files = Files.list(nested())) {
			assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactly("plugin_probes.ipc");
		}
	}

}
