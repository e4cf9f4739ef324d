package dev.ekuiper.plugin.runtime;

import java.util.concurrent.atomic.AtomicInteger;

import dev.ekuiper.plugin.protocol.PluginType;

/**
 * The live state of one declared symbol: how many instances run and the last failure.
 */
final class SymbolState {

	private final PluginType type;

	private final String name;

	private final AtomicInteger running = new AtomicInteger();

	private volatile String lastError;

	SymbolState(PluginType type, String name) {
		this.type = type;
		this.name = name;
	}

	/**
	 * Returns the key of a symbol's state: a source, a sink and a function may share a
	 * name.
	 * @param type the kind
	 * @param name the symbol name
	 * @return {@code <kind>:<name>}
	 */
	static String key(PluginType type, String name) {
		return type.wireName() + ":" + name;
	}

	void started() {
		this.running.incrementAndGet();
	}

	void stopped() {
		this.running.decrementAndGet();
	}

	void failed(String error) {
		this.lastError = error;
	}

	SymbolStatus status() {
		return new SymbolStatus(this.type, this.name, this.running.get(), this.lastError);
	}

}
