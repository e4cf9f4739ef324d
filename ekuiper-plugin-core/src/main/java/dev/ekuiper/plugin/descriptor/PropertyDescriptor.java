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

/**
 * One configuration property of a source or sink.
 *
 * @param name the property key, as eKuiper passes it
 * @param type eKuiper's type name: {@code string}, {@code int}, {@code float},
 * {@code bool}, {@code list_string}, {@code list_int} or {@code object}
 * @param defaultValue the default as eKuiper's files write it (a {@code Duration} as
 * {@code 1s}, an enum by name, a nested type as a map), or {@code null} when there is
 * none
 * @param description a one-line description, possibly empty
 * @param problem why the property cannot be fully described (its type has no eKuiper
 * name, or its default cannot be written), or {@code null} when it can
 */
public record PropertyDescriptor(String name, String type, Object defaultValue, String description, String problem) {

	/**
	 * Describes a property that can be fully described.
	 * @param name the property key
	 * @param type eKuiper's type name
	 * @param defaultValue the default, or {@code null}
	 * @param description a one-line description, possibly empty
	 */
	public PropertyDescriptor(String name, String type, Object defaultValue, String description) {
		this(name, type, defaultValue, description, null);
	}

}
