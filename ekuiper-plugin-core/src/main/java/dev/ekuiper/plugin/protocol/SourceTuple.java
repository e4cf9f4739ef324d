package dev.ekuiper.plugin.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.JsonNode;

/**
 * What a source sends per record: {@code {"message":{…},"meta":{…}|null}}, and the payload
 * that reports an error.
 */
public final class SourceTuple {

	private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

	private SourceTuple() {
	}

	/**
	 * Encodes a record.
	 * @param message a map, record or bean that serialises as a JSON object
	 * @param meta metadata, or {@code null}
	 * @return the tuple bytes
	 * @throws IllegalArgumentException if the message does not serialise as a JSON object
	 */
	public static byte[] encode(Object message, Map<String, ?> meta) {
		try {
			if (!(message instanceof Map)) {
				JsonNode tree = Json.mapper().valueToTree(message);
				if (tree == null || !tree.isObject()) {
					throw new IllegalArgumentException("a source message must be a JSON object, not "
							+ ((tree == null) ? "null" : tree.getNodeType().name().toLowerCase()));
				}
				message = tree;
			}
			return ENCODERS.get().encode(message, meta);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("a source message cannot be encoded as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Encodes an error report. eKuiper counts a payload it cannot decode as a source error
	 * and shows its text; a JSON object without {@code message} would become an empty row
	 * instead, so the report is deliberately plain text.
	 * @param error the error text
	 * @return the payload
	 */
	public static byte[] error(String error) {
		return ("source error: " + error).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * One generator per emitting thread, kept across records: creating a generator per
	 * record cost twice the time and three times the garbage of the record itself.
	 */
	private static final class Encoder {

		private final ByteArrayBuilder out = new ByteArrayBuilder(256);

		private JsonGenerator generator;

		byte[] encode(Object message, Map<String, ?> meta) {
			if (this.generator == null) {
				// No separator between the root values this generator writes, one per record.
				this.generator = Json.mapper().writer().withRootValueSeparator((String) null).createGenerator(this.out);
			}
			this.out.reset();
			try {
				this.generator.writeStartObject();
				this.generator.writeName("message");
				this.generator.writePOJO(message);
				this.generator.writeName("meta");
				this.generator.writePOJO(meta);
				this.generator.writeEndObject();
				this.generator.flush();
			}
			catch (RuntimeException ex) {
				// Left in the middle of a value: the next record gets a fresh generator.
				this.generator = null;
				throw ex;
			}
			return this.out.toByteArray();
		}

	}

}
