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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CommandJournal} and {@link Supervision}.
 */
class CommandJournalTests {

	@TempDir
	Path temp;

	@Test
	void aRestartedJvmReadsTheStartsThatAreStillRunningInTheirOrder() {
		CommandJournal first = CommandJournal.open(supervision(0));
		first.started("rule1_s_0_sensor", bytes("start sensor"));
		first.started("rule2_p_0_print", bytes("start print"));
		first.started("rule3_s_0_sensor", bytes("start sensor 3"));
		first.stopped("rule2_p_0_print");
		first.started("rule1_s_0_sensor", bytes("start sensor again"));

		CommandJournal restarted = CommandJournal.open(supervision(1));
		assertThat(restarted.starts()).extracting(CommandJournalTests::text)
			.containsExactly("start sensor again", "start sensor 3");
	}

	@Test
	void aFirstStartForgetsWhatAnEarlierRunLeft() {
		CommandJournal.open(supervision(0)).started("rule1_s_0_sensor", bytes("start sensor"));
		CommandJournal.open(supervision(0));
		assertThat(CommandJournal.open(supervision(2)).starts()).isEmpty();
	}

	@Test
	void theJournalIsReadableByItsOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
		CommandJournal.open(supervision(0)).started("rule1_s_0_sensor", bytes("{\"password\":\"secret\"}"));
		Path directory = this.temp.resolve("state");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("journal.json"))))
			.isEqualTo("rw-------");
		try (var files = Files.list(directory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("journal.json");
		}
	}

	@Test
	void aJournalThatCannotBeReadRestoresNothing() throws Exception {
		Files.createDirectories(this.temp.resolve("state"));
		Files.writeString(this.temp.resolve("state/journal.json"), "{\"torn");
		assertThat(CommandJournal.open(supervision(1)).starts()).isEmpty();
	}

	@Test
	void aJournalThatCannotBeWrittenNeverFailsTheCommand() throws Exception {
		Files.writeString(this.temp.resolve("state"), "a file where the directory should be");
		CommandJournal journal = CommandJournal.open(supervision(0));
		journal.started("rule1_s_0_sensor", bytes("start sensor"));
		journal.stopped("rule1_s_0_sensor");
		assertThat(journal.starts()).isEmpty();
	}

	@Test
	void supervisionIsReadFromTheLaunchersEnvironment() {
		assertThat(Supervision.fromEnvironment(Map.of(Supervision.STATE_DIRECTORY, "/opt/plugin/.state",
				Supervision.RESTARTS, "2", Supervision.HOST_PID, "4711")))
			.contains(new Supervision(Path.of("/opt/plugin/.state"), 2, 4711));
		assertThat(Supervision
			.fromEnvironment(Map.of(Supervision.STATE_DIRECTORY, "/opt/plugin/.state", Supervision.RESTARTS, "0")))
			.hasValueSatisfying((supervision) -> {
				assertThat(supervision.isRestart()).isFalse();
				assertThat(supervision.hostPid()).isEqualTo(-1);
			});
		assertThat(Supervision.fromEnvironment(Map.of())).isEmpty();
		assertThat(Supervision.fromEnvironment(Map.of(Supervision.STATE_DIRECTORY, "/x", Supervision.RESTARTS, "many")))
			.isEmpty();
	}

	private Supervision supervision(int restarts) {
		return new Supervision(this.temp.resolve("state"), restarts, -1);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
