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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * The start commands of the sources and sinks that are running, as eKuiper sent them, so
 * that a JVM started again after a crash can restore them without eKuiper's help. Each
 * change rewrites the whole file through a temporary file and an atomic rename, so a
 * crash at any point leaves the old or the new journal, never a torn one. The file is
 * readable by its owner only: configurations may hold secrets.
 */
final class CommandJournal {

	/** A journal that records nothing, when the JVM is not supervised. */
	static final CommandJournal NONE = new CommandJournal(null);

	/** More running instances than this are not recorded (and a warning says so). */
	static final int MAX_ENTRIES = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(CommandJournal.class);

	private static final TypeReference<LinkedHashMap<String, String>> ENTRIES = new TypeReference<>() {
	};

	private final Path file;

	private final Map<String, String> entries = new LinkedHashMap<>();

	private boolean warned;

	CommandJournal(Path file) {
		this.file = file;
	}

	/**
	 * Opens the journal of a supervised JVM: a first start clears what an earlier run
	 * left, a restart reads it.
	 * @param supervision what the launcher said
	 * @return the journal
	 */
	static CommandJournal open(Supervision supervision) {
		CommandJournal journal = new CommandJournal(supervision.journalFile());
		if (supervision.isRestart()) {
			journal.read();
		}
		else {
			journal.write();
		}
		return journal;
	}

	/**
	 * Returns the recorded start commands, oldest first.
	 * @return the commands' texts
	 */
	synchronized List<byte[]> starts() {
		List<byte[]> starts = new ArrayList<>();
		this.entries.values().forEach((text) -> starts.add(text.getBytes(StandardCharsets.UTF_8)));
		return starts;
	}

	/**
	 * Records an answered start; a start of the same key replaces the earlier one.
	 * @param key the instance key
	 * @param command the command as eKuiper sent it
	 */
	synchronized void started(String key, byte[] command) {
		if (this.file == null) {
			return;
		}
		if (!this.entries.containsKey(key) && this.entries.size() >= MAX_ENTRIES) {
			warnOnce("more than " + MAX_ENTRIES + " running instances; '" + key + "' is not recorded");
			return;
		}
		this.entries.put(key, new String(command, StandardCharsets.UTF_8));
		write();
	}

	/**
	 * Forgets a stopped instance.
	 * @param key the instance key
	 */
	synchronized void stopped(String key) {
		if (this.file != null && this.entries.remove(key) != null) {
			write();
		}
	}

	private void read() {
		try {
			if (Files.exists(this.file)) {
				this.entries.putAll(Json.mapper().readValue(Files.readString(this.file), ENTRIES));
			}
		}
		catch (IOException | JacksonException ex) {
			logger.warn("Ignoring the journal {}, which cannot be read: {}", this.file, ex.getMessage());
		}
	}

	private void write() {
		Path temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
		try {
			createPrivateDirectory(this.file.getParent());
			byte[] bytes = Json.mapper().writeValueAsBytes(this.entries);
			Files.deleteIfExists(temporary);
			Files.createFile(temporary,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException | JacksonException | UnsupportedOperationException ex) {
			warnOnce("cannot write " + this.file + ": " + ex);
		}
	}

	private static void createPrivateDirectory(Path directory) throws IOException {
		if (directory == null || Files.isDirectory(directory)) {
			return;
		}
		try {
			if (directory.getParent() != null) {
				Files.createDirectories(directory.getParent());
			}
			Files.createDirectory(directory,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (FileAlreadyExistsException | AccessDeniedException ex) {
			if (!Files.isDirectory(directory)) {
				throw ex;
			}
		}
	}

	private void warnOnce(String problem) {
		if (!this.warned) {
			this.warned = true;
			logger.warn("Journal of running symbols: {}; a restarted JVM may not restore every rule", problem);
		}
	}

}
