/**
 * Auto-configuration of the eKuiper plugin's Micrometer meters.
 */
package dev.ekuiper.plugin.autoconfigure.metrics;
