/**
 * What a plugin author implements: {@link dev.ekuiper.plugin.api.Source},
 * {@link dev.ekuiper.plugin.api.Sink} and {@link dev.ekuiper.plugin.api.Function}, and the
 * contexts the runtime hands them.
 */
package dev.ekuiper.plugin.api;
