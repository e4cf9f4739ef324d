package dev.ekuiper.plugin.runtime;

import java.time.Duration;

import dev.ekuiper.plugin.protocol.PluginType;

/**
 * Something wrong with a running symbol that eKuiper itself does not show: a call stuck
 * past its timeout, a sink that stopped acknowledging, a source that went quiet, a peer
 * that went away.
 *
 * @param type the symbol's kind
 * @param symbol the symbol's name
 * @param ruleId the rule the instance serves; empty for a function
 * @param problem what is wrong, one line
 * @param age how long it has been so, as far as the runtime has seen
 */
public record SymbolFault(PluginType type, String symbol, String ruleId, String problem, Duration age) {

}
