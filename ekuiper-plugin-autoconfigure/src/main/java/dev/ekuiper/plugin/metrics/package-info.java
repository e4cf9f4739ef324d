/**
 * Micrometer meters of an eKuiper plugin, usable without auto-configuration.
 */
package dev.ekuiper.plugin.metrics;
