/**
 * The official Python SDK example {@code pysam} in Java, symbol for symbol: the
 * {@code pyjson} source, the {@code print} sink and the {@code revert} function.
 */
package dev.ekuiper.plugin.demo.sam;
