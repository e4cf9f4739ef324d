package dev.ekuiper.plugin.test;

/**
 * The outcome of re-sending one recorded start after a new handshake.
 *
 * @param key the record key: the data socket name ({@code <ruleId>_<opId>_<instanceId>})
 * of a source or sink, {@code func_<symbol>} for a function
 * @param ok whether the plugin answered {@code ok}
 * @param detail the plugin's answer, or why there was none
 */
public record ReplayResult(String key, boolean ok, String detail) {
}
