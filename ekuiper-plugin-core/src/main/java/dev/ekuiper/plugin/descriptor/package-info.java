/**
 * A plugin described from its code: symbols, their descriptions and the properties of
 * their configuration types with defaults, for generating eKuiper's plugin files.
 */
package dev.ekuiper.plugin.descriptor;
