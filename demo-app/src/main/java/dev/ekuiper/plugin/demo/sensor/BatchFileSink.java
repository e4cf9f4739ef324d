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
package dev.ekuiper.plugin.demo.sensor;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.ekuiper.plugin.api.Acknowledgment;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code batchfile} sink: gathers rows and appends them to a file in batches, when
 * {@code batchRows} rows are waiting or {@code linger} after the first of them, then
 * acknowledges every message of the batch at once, {@code ok} or with the write's error.
 * Each collect {@linkplain SinkContext#deferAck() defers} its ack; the batch is written,
 * and its messages acknowledged, on the collect's thread or on the sink's timer thread,
 * and whatever is left on close.
 *
 * <p>
 * With {@code requireAck}, eKuiper sends a message only once the previous one is
 * acknowledged, so a batch then holds one message's rows (many, with the action's
 * {@code batchSize}) and is written after {@code linger}; without it, batches gather
 * messages as they come.
 */
public class BatchFileSink implements Sink<BatchFileSinkConfig> {

	private final JsonMapper jsonMapper;

	private final Object lock = new Object();

	private final List<String> lines = new ArrayList<>();

	private final List<Acknowledgment> acks = new ArrayList<>();

	private Path path;

	private int batchRows;

	private Duration linger;

	private ScheduledExecutorService timer;

	private ScheduledFuture<?> pending;

	/**
	 * Creates a sink.
	 * @param jsonMapper writes the rows
	 */
	public BatchFileSink(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void configure(BatchFileSinkConfig config) {
		this.path = Path.of(config.path()).toAbsolutePath();
		this.batchRows = config.batchRows();
		this.linger = config.linger();
	}

	@Override
	public void open(SinkContext context) {
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "batchfile-" + context.ruleId());
			thread.setDaemon(true);
			return thread;
		});
		context.logger()
			.info("Appending the rows of rule {} to {} in batches of {} rows or {} ms", context.ruleId(), this.path,
					this.batchRows, this.linger.toMillis());
	}

	@Override
	public void collect(SinkContext context, SinkMessage message) {
		List<String> rows = new ArrayList<>();
		if (message.isJson()) {
			for (Map<String, Object> row : message.rows()) {
				rows.add(this.jsonMapper.writeValueAsString(row));
			}
		}
		else {
			rows.add(message.text());
		}
		Acknowledgment ack = context.deferAck();
		synchronized (this.lock) {
			this.lines.addAll(rows);
			this.acks.add(ack);
			if (this.lines.size() >= this.batchRows) {
				write();
			}
			else if (this.pending == null) {
				this.pending = this.timer.schedule(this::writeNow, this.linger.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	@Override
	public void close(SinkContext context) throws InterruptedException {
		synchronized (this.lock) {
			if (this.pending != null) {
				this.pending.cancel(false);
				this.pending = null;
			}
		}
		// Not shutdownNow: an interrupt would break a write in progress.
		this.timer.shutdown();
		this.timer.awaitTermination(5, TimeUnit.SECONDS);
		writeNow();
	}

	private void writeNow() {
		synchronized (this.lock) {
			write();
		}
	}

	/** Writes the batch and answers its messages; under the lock. */
	private void write() {
		if (this.pending != null) {
			this.pending.cancel(false);
			this.pending = null;
		}
		if (this.acks.isEmpty()) {
			return;
		}
		String error = null;
		try {
			append(this.lines);
		}
		catch (IOException ex) {
			error = "cannot append to " + this.path + ": " + ex.getMessage();
		}
		for (Acknowledgment ack : this.acks) {
			if (error == null) {
				ack.ok();
			}
			else {
				ack.error(error);
			}
		}
		this.lines.clear();
		this.acks.clear();
	}

	private void append(List<String> batch) throws IOException {
		Path parent = this.path.getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try (Writer writer = Files.newBufferedWriter(this.path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND)) {
			for (String line : batch) {
				writer.write(line);
				writer.write('\n');
			}
		}
	}

}
