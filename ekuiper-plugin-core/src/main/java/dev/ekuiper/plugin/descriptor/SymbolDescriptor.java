/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
 * @param arguments for a function, its declared arguments; empty when it declares none
 * (it then takes any), and for a source or sink
 */
public record SymbolDescriptor(String name, String description, String configType, List<PropertyDescriptor> properties,
		boolean aggregate, List<ArgumentDescriptor> arguments) {

	/**
	 * Creates a descriptor, with no arguments when {@code null}.
	 * @param name the symbol name
	 * @param description a one-line description, possibly empty
	 * @param configType the configuration type's class name, or {@code null} for a raw
	 * map
	 * @param properties the configuration properties
	 * @param aggregate for a function, whether it aggregates; otherwise {@code false}
	 * @param arguments for a function, its declared arguments, or {@code null} for none
	 */
	public SymbolDescriptor {
		arguments = (arguments != null) ? List.copyOf(arguments) : List.of();
	}

	/**
	 * Creates the descriptor of a symbol without declared arguments.
	 * @param name the symbol name
	 * @param description a one-line description, possibly empty
	 * @param configType the configuration type's class name, or {@code null}
	 * @param properties the configuration properties
	 * @param aggregate for a function, whether it aggregates
	 */
	public SymbolDescriptor(String name, String description, String configType, List<PropertyDescriptor> properties,
			boolean aggregate) {
		this(name, description, configType, properties, aggregate, List.of());
	}

}
