/**
 * Fuzz tests of every parser that reads the host's bytes, run with Jazzer: plain
 * {@code mvn test} replays the seed corpus under {@code src/test/resources}, and
 * {@code JAZZER_FUZZ=1} fuzzes one target for {@code JAZZER_MAX_DURATION}.
 */
package dev.ekuiper.plugin.fuzz;
