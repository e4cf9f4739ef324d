package dev.ekuiper.plugin.protocol;

/**
 * The kinds of symbol, as named in a command's {@code pluginType}.
 */
public enum PluginType {

	/** A source, {@code "source"}. */
	SOURCE("source"),

	/** A sink, {@code "sink"}. */
	SINK("sink"),

	/** A function, {@code "func"} (never {@code "function"}). */
	FUNCTION("func");

	private final String wireName;

	PluginType(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * Returns the name used on the wire.
	 * @return {@code source}, {@code sink} or {@code func}
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Finds the type for a wire name.
	 * @param wireName the {@code pluginType} value
	 * @return the type
	 * @throws ProtocolException if the name is not one of the three
	 */
	public static PluginType fromWireName(String wireName) throws ProtocolException {
		for (PluginType type : values()) {
			if (type.wireName.equals(wireName)) {
				return type;
			}
		}
		throw new ProtocolException("Unknown pluginType '" + Texts.clip(wireName) + "': expected source, sink or func");
	}

}
