/**
 * What a plugin author implements: {@link dev.ekuiper.plugin.api.Source},
 * {@link dev.ekuiper.plugin.api.Sink} and {@link dev.ekuiper.plugin.api.Function}, the
 * contexts the runtime hands them, a function's declared
 * {@link dev.ekuiper.plugin.api.FunctionSignature signature}, and a sink's deferred
 * {@link dev.ekuiper.plugin.api.Acknowledgment}.
 */
package dev.ekuiper.plugin.api;
