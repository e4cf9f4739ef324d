package dev.ekuiper.plugin.runtime;

import dev.ekuiper.plugin.protocol.PluginType;

/**
 * A symbol's state, for health reports.
 *
 * @param type the symbol kind
 * @param name the symbol name
 * @param running running instances (sources, sinks) or 1 for an open function channel
 * @param lastError the last failure's message, or {@code null}
 */
public record SymbolStatus(PluginType type, String name, int running, String lastError) {
}
