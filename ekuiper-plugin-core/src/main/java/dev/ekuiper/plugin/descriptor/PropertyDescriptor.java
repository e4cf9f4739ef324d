package dev.ekuiper.plugin.descriptor;

/**
 * One configuration property of a source or sink.
 *
 * @param name the property key, as eKuiper passes it
 * @param type eKuiper's type name: {@code string}, {@code int}, {@code float}, {@code bool},
 * {@code list_string} or {@code object}
 * @param defaultValue the default, or {@code null} when there is none
 * @param description a one-line description, possibly empty
 */
public record PropertyDescriptor(String name, String type, Object defaultValue, String description) {
}
