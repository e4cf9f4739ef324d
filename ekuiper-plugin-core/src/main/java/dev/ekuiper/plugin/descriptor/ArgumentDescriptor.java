package dev.ekuiper.plugin.descriptor;

/**
 * One declared argument of a function.
 *
 * @param name its name
 * @param type its kind as eKuiper's function metadata names it, e.g. {@code number} or
 * {@code any}
 * @param optional whether a call may leave it out
 * @param repeated whether it is the last and may repeat
 */
public record ArgumentDescriptor(String name, String type, boolean optional, boolean repeated) {
}
