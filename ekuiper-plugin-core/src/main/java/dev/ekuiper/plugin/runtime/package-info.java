/**
 * The plugin process: serves a {@link dev.ekuiper.plugin.api.PluginDefinition}'s symbols
 * to an eKuiper host over the control, data and function channels, working around the
 * host's known weaknesses. Plain Java, usable without Spring.
 */
package dev.ekuiper.plugin.runtime;
