package ${package};

import java.io.BufferedWriter;
import java.io.IOException;
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
 * The {@code jsonlines} sink: writes each row it receives to a file as one line of JSON
 * (a message that is not JSON as one line of text) and flushes. When the rule action sets {@code requireAck}, the runtime acknowledges a
 * message once {@link #collect} returns, and an exception it throws goes back to eKuiper
 * in the ack.
 */
public class JsonLinesSink implements Sink<JsonLinesConfig> {

	private JsonLinesConfig config;

	private BufferedWriter writer;

	@Override
	public void configure(JsonLinesConfig config) {
		this.config = config;
	}

	@Override
	public void open(SinkContext context) throws IOException {
		Path path = Path.of(this.config.path()).toAbsolutePath();
		StandardOpenOption mode = this.config.append() ? StandardOpenOption.APPEND
				: StandardOpenOption.TRUNCATE_EXISTING;
		this.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.WRITE, mode);
		context.logger().info("Writing the messages of rule {} to {}", context.ruleId(), path);
	}

	@Override
	public void collect(SinkContext context, SinkMessage message) throws IOException {
		if (message.isJson()) {
			for (Map<String, Object> row : message.rows()) {
				this.writer.write(JsonMapper.shared().writeValueAsString(row));
				this.writer.newLine();
			}
		}
		else {
			this.writer.write(message.text());
			this.writer.newLine();
		}
		this.writer.flush();
	}

	@Override
	public void close(SinkContext context) throws IOException {
		if (this.writer != null) {
			this.writer.close();
		}
	}

}
