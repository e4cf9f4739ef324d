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
package dev.ekuiper.plugin.binding;

import java.util.Map;

/**
 * Binds the properties eKuiper passes to a source or sink (a stream's or a rule action's
 * properties, as JSON values) to the configuration type the symbol declares
 * ({@code Source<MyConfig>}). The runtime binds once per start; the packaging asks for
 * {@link #defaults} to write each property's default, so the generated files and the
 * binding follow the same rules.
 *
 * <p>
 * {@link JacksonConfigBinder} serves plain-Java plugins; the Spring Boot starter provides
 * one with Spring Boot's binding rules.
 */
public interface ConfigBinder {

	/**
	 * Binds a configuration. Keys the type does not know are ignored.
	 * @param <T> the configuration type
	 * @param config the host's properties; nested maps and lists as JSON has them
	 * @param type the configuration type
	 * @return the bound value, never {@code null}: an empty configuration gives the
	 * defaults
	 * @throws ConfigBindingException naming each property that cannot be bound
	 */
	<T> T bind(Map<String, ?> config, Class<T> type) throws ConfigBindingException;

	/**
	 * Returns what an empty configuration binds to, without validating it: the defaults
	 * of every property.
	 * @param <T> the configuration type
	 * @param type the configuration type
	 * @return the defaults
	 * @throws ConfigBindingException if the type cannot be created from no properties
	 */
	default <T> T defaults(Class<T> type) throws ConfigBindingException {
		return bind(Map.of(), type);
	}

}
