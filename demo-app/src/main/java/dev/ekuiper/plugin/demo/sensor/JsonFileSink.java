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
import java.util.Map;

import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code jsonfile} sink: appends each row it receives to a file as one line of JSON
 * and flushes after every message. When the rule action sets {@code requireAck}, the
 * runtime acknowledges each message once it is written; an I/O error fails the message
 * and its ack carries the error, so eKuiper can resend it.
 */
public class JsonFileSink implements Sink<JsonFileSinkConfig> {

	private final JsonMapper jsonMapper;

	private Path path;

	private Writer writer;

	/**
	 * Creates a sink.
	 * @param jsonMapper writes the rows
	 */
	public JsonFileSink(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void configure(JsonFileSinkConfig config) {
		this.path = Path.of(config.path()).toAbsolutePath();
	}

	@Override
	public void open(SinkContext context) {
		context.logger().info("Appending the rows of rule {} to {}", context.ruleId(), this.path);
	}

	@Override
	public void collect(SinkContext context, SinkMessage message) throws IOException {
		try {
			Writer out = writer();
			if (message.isJson()) {
				for (Map<String, Object> row : message.rows()) {
					out.write(this.jsonMapper.writeValueAsString(row));
					out.write('\n');
				}
			}
			else {
				out.write(message.text());
				out.write('\n');
			}
			out.flush();
		}
		catch (IOException ex) {
			// Reopen on the next message: the file may be writable again by then.
			try {
				closeWriter();
			}
			catch (IOException closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw ex;
		}
	}

	@Override
	public void close(SinkContext context) throws IOException {
		closeWriter();
	}

	private Writer writer() throws IOException {
		if (this.writer == null) {
			Path parent = this.path.getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			this.writer = Files.newBufferedWriter(this.path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		return this.writer;
	}

	private void closeWriter() throws IOException {
		Writer current = this.writer;
		this.writer = null;
		if (current != null) {
			current.close();
		}
	}

}
