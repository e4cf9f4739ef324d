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
package dev.ekuiper.plugin.maven;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher as the supervisor of the JVM, run against stand-in {@code java} scripts
 * that crash, exit or wait as each test needs: restarts with the restart count in the
 * environment, a crash loop that gives up, SIGTERM passed on, no restart once eKuiper is
 * gone, and no JVM left behind when eKuiper kills the launcher.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class LauncherSupervisionTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String HOST_ARGUMENT = "{\"sendTimeout\":1000}";

	@TempDir
	Path temp;

	private Path pluginDir;

	private Path launcher;

	private Process process;

	@BeforeEach
	void writePlugin() throws Exception {
		this.temp = this.temp.toRealPath();
		this.pluginDir = this.temp.resolve("plugins/portable/sam");
		LauncherScripts scripts = new LauncherScripts("sam", "");
		this.launcher = Scripts.executable(this.pluginDir.resolve("sam"),
				new String(scripts.launcher(), StandardCharsets.UTF_8));
		Files.writeString(this.pluginDir.resolve("sam.jar"), "jar");
	}

	@AfterEach
	void stopLauncher() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void aJvmThatDiesIsStartedAgainWithTheRestartCountUntilItExitsCleanly() throws Exception {
		javaThat(
				"""
						n=$(cat "$COUNT" 2>/dev/null || echo 0)
						n=$((n + 1))
						echo "$n" > "$COUNT"
						echo "run $n restarts=$EKUIPER_PLUGIN_RESTARTS host=$EKUIPER_PLUGIN_HOST_PID state=$EKUIPER_PLUGIN_STATE_DIR"
						if [ "$n" -lt 3 ]; then kill -9 $$; fi
						exit 0
						""");
		Scripts.Result result = Scripts.run(this.temp, environment(), List.of(this.launcher.toString(), HOST_ARGUMENT));
		String host = "host=" + ProcessHandle.current().pid();
		String state = "state=" + this.pluginDir.resolve(".state");
		assertThat(result.exitCode()).isZero();
		assertThat(result.outLines()).containsExactly("run 1 restarts=0 " + host + " " + state,
				"run 2 restarts=1 " + host + " " + state, "run 3 restarts=2 " + host + " " + state);
		assertThat(result.err()).contains("eKuiper plugin 'sam': the JVM exited with status 137; restart 1 of 5 in 0s")
			.contains("restart 2 of 5");
	}

	@Test
	void aCrashLoopGivesUpWithTheJvmsStatus() throws Exception {
		javaThat("""
				echo run
				exit 3
				""");
		Map<String, String> environment = environment();
		environment.put("EKUIPER_PLUGIN_MAX_RESTARTS", "2");
		Scripts.Result result = Scripts.run(this.temp, environment, List.of(this.launcher.toString(), HOST_ARGUMENT));
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.outLines()).containsExactly("run", "run", "run");
		assertThat(result.err())
			.contains("eKuiper plugin 'sam': the JVM exited with status 3 after 2 restarts in a row; giving up");
	}

	@Test
	void sigtermIsPassedToTheJvmAndEndsTheLauncherWithoutARestart() throws Exception {
		javaThat("""
				trap 'echo stopped gracefully; exit 143' TERM
				echo run
				: > "$READY"
				while :; do sleep 1 & wait $!; done
				""");
		Path out = this.temp.resolve("out");
		this.process = Scripts.builder(this.temp, environment(), List.of(this.launcher.toString(), HOST_ARGUMENT))
			.redirectOutput(out.toFile())
			.start();
		await().atMost(WAIT).until(() -> Files.exists(this.temp.resolve("ready")));
		this.process.destroy();
		assertThat(this.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.process.exitValue()).isEqualTo(143);
		assertThat(Files.readAllLines(out)).containsExactly("run", "stopped gracefully");
	}

	@Test
	void aJvmThatDiesAfterEkuiperIsNotStartedAgain() throws Exception {
		javaThat("""
				echo run
				while [ ! -f "$GO" ]; do sleep 1; done
				exit 1
				""");
		// eKuiper's stand-in starts the launcher and dies once the JVM runs.
		Path host = Scripts.executable(this.temp.resolve("host.sh"), """
				#!/bin/sh
				"$1" '{}' > "$2" 2> "$3" &
				while [ ! -s "$2" ]; do sleep 1; done
				exit 0
				""");
		Path out = this.temp.resolve("out");
		Path err = this.temp.resolve("err");
		Scripts.Result started = Scripts.run(this.temp, environment(),
				List.of(host.toString(), this.launcher.toString(), out.toString(), err.toString()));
		assertThat(started.exitCode()).isZero();
		assertThat(Files.readString(out)).contains("run");
		Files.writeString(this.temp.resolve("go"), "");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(Files.readString(err)).contains("the JVM exited with status 1 and eKuiper (pid ")
						.contains("is gone; not restarting"));
		assertThat(Files.readAllLines(out)).containsExactly("run");
	}

	@Test
	void theJvmDiesWithTheLauncherWhenEkuiperKillsIt() throws Exception {
		assumeThat(Scripts.run(this.temp, Map.of(), List.of("sh", "-c", "command -v setpriv")).exitCode())
			.as("setpriv is installed")
			.isZero();
		javaThat("""
				echo $$ > "$PIDS"
				while :; do sleep 1; done
				""");
		this.process = Scripts.builder(this.temp, environment(), List.of(this.launcher.toString(), HOST_ARGUMENT))
			.start();
		Path pids = this.temp.resolve("pids");
		await().atMost(WAIT).until(() -> Files.exists(pids) && !Files.readString(pids).isBlank());
		long jvm = Long.parseLong(Files.readString(pids).strip());
		assertThat(ProcessHandle.of(jvm)).isPresent();
		this.process.destroyForcibly();
		await().atMost(WAIT).until(() -> ProcessHandle.of(jvm).map((handle) -> !handle.isAlive()).orElse(true));
	}

	@Test
	void withoutSupervisionTheLauncherBecomesTheJvm() throws Exception {
		javaThat("""
				echo $$
				""");
		Map<String, String> environment = environment();
		environment.put("EKUIPER_PLUGIN_SUPERVISE", "false");
		Path out = this.temp.resolve("out");
		this.process = Scripts.builder(this.temp, environment, List.of(this.launcher.toString(), HOST_ARGUMENT))
			.redirectOutput(out.toFile())
			.start();
		assertThat(this.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(Files.readAllLines(out)).containsExactly(String.valueOf(this.process.pid()));
	}

	/** Writes the stand-in {@code java}: the script's body after a shebang. */
	private void javaThat(String body) throws Exception {
		Scripts.executable(this.temp.resolve("jdk/bin/java"), "#!/bin/sh\n" + body);
	}

	private Map<String, String> environment() {
		Map<String, String> environment = new HashMap<>();
		environment.put("JAVA_HOME", this.temp.resolve("jdk").toString());
		environment.put("EKUIPER_PLUGIN_RESTART_DELAY", "0");
		environment.put("COUNT", this.temp.resolve("count").toString());
		environment.put("READY", this.temp.resolve("ready").toString());
		environment.put("GO", this.temp.resolve("go").toString());
		environment.put("PIDS", this.temp.resolve("pids").toString());
		return environment;
	}

}
