package dev.ekuiper.plugin.descriptor;

import java.util.List;

/**
 * One symbol of a plugin.
 *
 * @param name the symbol name
 * @param description a one-line description, possibly empty
 * @param configType the configuration type's class name, or {@code null} for a raw map
 * @param properties the configuration properties
 * @param aggregate for a function, whether it aggregates; otherwise {@code false}
 */
public record SymbolDescriptor(String name, String description, String configType, List<PropertyDescriptor> properties,
		boolean aggregate) {
}
