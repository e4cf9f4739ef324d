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
package dev.ekuiper.plugin.maven;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.binding.JacksonConfigBinder;
import dev.ekuiper.plugin.descriptor.ConfigSchema;
import dev.ekuiper.plugin.descriptor.PropertyDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SourceDefaults}.
 */
class SourceDefaultsTests {

	@Test
	void renderShouldWriteADefaultSectionWithTheDefaultedProperties() {
		String yaml = text(Descriptors.sam().sources().get(0));
		assertThat(yaml).startsWith("# Configuration of the source 'pyjson'");
		assertThat(yaml).contains("default:\n  period: 1000\n  name: \"true\"\n  loop: false\n  tags:\n"
				+ "    - \"a\"\n    - \"b: c\"\n");
		assertThat(yaml).doesNotContain("topic");
	}

	@Test
	void renderShouldKeepEveryValueAndTypeWhenReadBack() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("looksTrue", "true");
		values.put("looksYes", "yes");
		values.put("looksNumber", "1");
		values.put("looksNull", "null");
		values.put("empty", "");
		values.put("spaces", " padded ");
		values.put("colon", "a: b");
		values.put("comment", "#hash");
		values.put("multiline", "line 1\nline 2");
		values.put("unicode", "température ✓");
		values.put("quotes", "say \"hi\" 'there'");
		values.put("integer", 42);
		values.put("long", 9_000_000_000L);
		values.put("decimal", 2.5);
		values.put("flag", true);
		values.put("list", List.of("x", "1", "true"));
		values.put("map", Map.of("nested", "value"));
		SymbolDescriptor source = new SymbolDescriptor("odd", "", null,
				values.entrySet()
					.stream()
					.map((entry) -> new PropertyDescriptor(entry.getKey(), "string", entry.getValue(), ""))
					.toList(),
				false);
		JsonNode defaults = SourceDefaults.mapper().readTree(SourceDefaults.render(source)).get("default");
		for (Map.Entry<String, Object> entry : values.entrySet()) {
			Object read = SourceDefaults.mapper().convertValue(defaults.get(entry.getKey()), Object.class);
			assertThat(read).as(entry.getKey()).isEqualTo(entry.getValue());
		}
		assertThat(defaults.get("looksTrue").isString()).isTrue();
		assertThat(defaults.get("looksNumber").isString()).isTrue();
		assertThat(defaults.get("flag").isBoolean()).isTrue();
		assertThat(defaults.get("integer").isNumber()).isTrue();
	}

	@Test
	void renderWhenNoPropertyHasADefaultShouldWriteAnEmptyDefaultSection() {
		SymbolDescriptor source = new SymbolDescriptor("bare", "", null,
				List.of(new PropertyDescriptor("url", "string", null, "")), false);
		String yaml = text(source);
		assertThat(yaml).endsWith("default: {}\n");
		assertThat(SourceDefaults.mapper().readTree(yaml).get("default").isObject()).isTrue();
	}

	@Test
	void renderOfAConfigTypeWithPrimitivesShouldWriteTheDefaultsTheBinderGives() {
		SymbolDescriptor source = new SymbolDescriptor("poll", "", Polling.class.getName(),
				ConfigSchema.properties(Polling.class, new JacksonConfigBinder()), false);
		assertThat(text(source)).endsWith("default:\n  batch: 0\n  append: false\n  ratio: 0.0\n  period: \"2s\"\n");
	}

	private static String text(SymbolDescriptor source) {
		return new String(SourceDefaults.render(source), StandardCharsets.UTF_8);
	}

	/**
	 * A configuration with primitives and a defaulted duration.
	 *
	 * @param batch unset: 0
	 * @param append unset: false
	 * @param ratio unset: 0.0
	 * @param period defaulted
	 * @param topic no default
	 */
	record Polling(int batch, boolean append, double ratio, java.time.Duration period, String topic) {

		Polling {
			period = (period != null) ? period : java.time.Duration.ofSeconds(2);
		}

	}

}
