/**
 * Binding the properties eKuiper passes to a source or sink to the symbol's configuration
 * type: the {@link dev.ekuiper.plugin.binding.ConfigBinder} SPI, its Jackson-based
 * implementation for plain Java, and the one-line errors every implementation reports.
 */
package dev.ekuiper.plugin.binding;
