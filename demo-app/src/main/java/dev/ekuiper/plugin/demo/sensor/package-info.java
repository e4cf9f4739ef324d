/**
 * A realistic set of symbols built with Spring: the {@code sensor} source, the
 * {@code jsonfile} sink, and the {@code c2f} and {@code stats} functions.
 */
package dev.ekuiper.plugin.demo.sensor;
