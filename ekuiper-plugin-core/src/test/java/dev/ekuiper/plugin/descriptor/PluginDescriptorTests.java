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

import java.nio.file.Path;
import java.util.List;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;
import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.binding.JacksonConfigBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PluginDescriptor}.
 */
class PluginDescriptorTests {

	@Test
	void describeShouldTakeEachPropertyFromTheConfigSchema() {
		PluginDefinition definition = PluginDefinition.builder("probe")
			.source("typed", ConfigSchemaTests.TypedSource::new)
			.function("noop", new Noop())
			.build();
		PluginDescriptor descriptor = PluginDescriptor.describe(definition, new JacksonConfigBinder());
		assertThat(descriptor.sources()).singleElement().satisfies((source) -> {
			assertThat(source.configType()).isEqualTo(ConfigSchemaTests.Primitives.class.getName());
			assertThat(source.properties())
				.isEqualTo(ConfigSchemaTests.propertiesOf(ConfigSchemaTests.Primitives.class));
		});
	}

	@Test
	void writeAndReadShouldKeepTheProblemsOfProperties(@TempDir Path directory) throws Exception {
		SymbolDescriptor source = new SymbolDescriptor("typed", "", "Config",
				List.of(new PropertyDescriptor("factory", "string", null, "", "its type has no eKuiper type"),
						new PropertyDescriptor("count", "int", 0, "How many")),
				false);
		PluginDescriptor descriptor = new PluginDescriptor("probe", List.of(source), List.of(), List.of());
		descriptor.write(directory.resolve("descriptor.json"));
		assertThat(PluginDescriptor.read(directory.resolve("descriptor.json"))).isEqualTo(descriptor);
	}

	static final class Noop implements Function {

		@Override
		public Object exec(List<Object> args, FunctionContext context) {
			return null;
		}

	}

}
