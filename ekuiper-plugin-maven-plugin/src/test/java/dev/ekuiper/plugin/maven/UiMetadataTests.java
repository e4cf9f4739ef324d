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

import java.util.List;

import dev.ekuiper.plugin.binding.JacksonConfigBinder;
import dev.ekuiper.plugin.descriptor.ArgumentDescriptor;
import dev.ekuiper.plugin.descriptor.ConfigSchema;
import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link UiMetadata}.
 */
class UiMetadataTests {

	private final PluginDescriptor descriptor = Descriptors.sam();

	private final UiMetadata metadata = new UiMetadata("sam",
			new UiMetadata.Author("Ada", "ada@example.com", "Example", "https://example.com"),
			"https://example.com/doc");

	@Test
	void sourceShouldDescribeItsPropertiesUnderTheDefaultKey() {
		JsonNode source = read(this.metadata.source(this.descriptor.sources().get(0)));
		assertThat(source.propertyNames()).containsExactly("about", "libs", "properties", "node");
		JsonNode fields = source.get("properties").get("default");
		assertThat(fields).hasSize(5);
		JsonNode period = fields.get(0);
		assertThat(period.propertyNames()).containsExactly("name", "default", "optional", "control", "type", "hint",
				"label");
		assertThat(period.get("name").asString()).isEqualTo("period");
		assertThat(period.get("default").asInt()).isEqualTo(1000);
		assertThat(period.get("optional").asBoolean()).isTrue();
		assertThat(period.get("control").asString()).isEqualTo("text");
		assertThat(period.get("type").asString()).isEqualTo("int");
		assertThat(period.get("hint").get("en_US").asString()).isEqualTo("Milliseconds between records");
		assertThat(period.get("hint").get("zh_CN").asString()).isEqualTo("Milliseconds between records");
		assertThat(period.get("label").get("en_US").asString()).isEqualTo("period");
	}

	@Test
	void sourceShouldPickControlsByType() {
		JsonNode fields = read(this.metadata.source(this.descriptor.sources().get(0))).get("properties").get("default");
		assertThat(fields.get(1).get("control").asString()).isEqualTo("text");
		assertThat(fields.get(2).get("control").asString()).isEqualTo("radio");
		assertThat(fields.get(3).get("control").asString()).isEqualTo("list");
	}

	@Test
	void sourceShouldWriteAnEmptyListAsTheDefaultOfAListProperty() {
		JsonNode tags = read(this.metadata.source(this.descriptor.sources().get(0))).get("properties")
			.get("default")
			.get(3);
		assertThat(tags.get("type").asString()).isEqualTo("list_string");
		assertThat(tags.get("default").isArray()).isTrue();
		assertThat(tags.get("default")).isEmpty();
	}

	@Test
	void sourceOfAConfigTypeWithPrimitivesShouldGiveThemTheirDefaultsAndTypes() {
		SymbolDescriptor source = new SymbolDescriptor("poll", "", SourceDefaultsTests.Polling.class.getName(),
				ConfigSchema.properties(SourceDefaultsTests.Polling.class, new JacksonConfigBinder()), false);
		JsonNode fields = read(this.metadata.source(source)).get("properties").get("default");
		assertThat(fields)
			.extracting((field) -> field.get("name").asString(), (field) -> field.get("type").asString(),
					(field) -> field.get("optional").asBoolean(), (field) -> String.valueOf(field.get("default")))
			.containsExactly(tuple("batch", "int", true, "0"), tuple("append", "bool", true, "false"),
					tuple("ratio", "float", true, "0.0"), tuple("period", "string", true, "\"2s\""),
					tuple("topic", "string", false, "null"));
	}

	@Test
	void sourceShouldMarkAPropertyWithoutDefaultAsRequired() {
		JsonNode topic = read(this.metadata.source(this.descriptor.sources().get(0))).get("properties")
			.get("default")
			.get(4);
		assertThat(topic.has("default")).isFalse();
		assertThat(topic.get("optional").asBoolean()).isFalse();
	}

	@Test
	void aboutShouldCarryTheAuthorHelpAndDescription() {
		JsonNode about = read(this.metadata.source(this.descriptor.sources().get(0))).get("about");
		assertThat(about.get("trial").asBoolean()).isFalse();
		assertThat(about.get("author").get("name").asString()).isEqualTo("Ada");
		assertThat(about.get("author").get("email").asString()).isEqualTo("ada@example.com");
		assertThat(about.get("author").get("company").asString()).isEqualTo("Example");
		assertThat(about.get("author").get("website").asString()).isEqualTo("https://example.com");
		assertThat(about.get("helpUrl").get("en_US").asString()).isEqualTo("https://example.com/doc");
		assertThat(about.get("description").get("en_US").asString()).isEqualTo("Emits JSON records");
		assertThat(about.get("description").get("zh_CN").asString()).isEqualTo("Emits JSON records");
	}

	@Test
	void aboutWhenNothingIsKnownShouldNameTheSymbolAndLeaveOutTheAuthor() {
		UiMetadata anonymous = new UiMetadata("sam", null, null);
		JsonNode about = read(anonymous.sink(this.descriptor.sinks().get(0))).get("about");
		assertThat(about.has("author")).isFalse();
		assertThat(about.get("helpUrl").isObject()).isTrue();
		assertThat(about.get("helpUrl")).isEmpty();
		assertThat(about.get("description").get("en_US").asString())
			.isEqualTo("The sink 'print' of the Java plugin 'sam'.");
	}

	@Test
	void sinkShouldListItsPropertiesDirectly() {
		JsonNode sink = read(this.metadata.sink(this.descriptor.sinks().get(0)));
		assertThat(sink.propertyNames()).containsExactly("about", "libs", "properties", "node");
		assertThat(sink.get("properties").isArray()).isTrue();
		assertThat(sink.get("properties").get(0).get("name").asString()).isEqualTo("prefix");
		assertThat(sink.get("properties").get(0).get("default").asString()).isEqualTo(">");
		assertThat(sink.get("node").get("category").asString()).isEqualTo("sink");
	}

	@Test
	void functionShouldListTheFunctionWithItsAggregateFlag() {
		JsonNode file = read(this.metadata.function(this.descriptor.functions().get(0)));
		assertThat(file.propertyNames()).containsExactly("about", "functions");
		JsonNode function = file.get("functions").get(0);
		assertThat(function.get("name").asString()).isEqualTo("revert");
		assertThat(function.get("aggregate").asBoolean()).isTrue();
		assertThat(function.get("hint").get("en_US").asString()).isEqualTo("Reverts a string");
		assertThat(function.get("node").get("category").asString()).isEqualTo("function");
		assertThat(function.has("args")).isFalse();
		assertThat(function.has("example")).isFalse();
	}

	@Test
	void functionShouldListItsDeclaredArgumentsWithAnExampleCall() {
		SymbolDescriptor round = new SymbolDescriptor("round", "", null, List.of(), false,
				List.of(new ArgumentDescriptor("value", "number", false, false),
						new ArgumentDescriptor("digits", "int", true, false),
						new ArgumentDescriptor("more", "any", true, true)));
		JsonNode function = read(this.metadata.function(round)).get("functions").get(0);
		assertThat(function.get("example").asString()).isEqualTo("round(value, digits, more...)");
		JsonNode args = function.get("args");
		assertThat(args).hasSize(3);
		assertThat(args.get(0).get("name").asString()).isEqualTo("value");
		assertThat(args.get(0).get("type").asString()).isEqualTo("number");
		assertThat(args.get(0).get("optional").asBoolean()).isFalse();
		assertThat(args.get(0).get("control").asString()).isEqualTo("field");
		assertThat(args.get(0).get("label").get("en_US").asString()).isEqualTo("value");
		assertThat(args.get(1).get("type").asString()).isEqualTo("int");
		assertThat(args.get(1).get("optional").asBoolean()).isTrue();
		assertThat(args.get(2).get("hint").get("en_US").asString()).isEqualTo("more, any number of times");
	}

	private static JsonNode read(byte[] content) {
		return JsonFiles.mapper().readTree(content);
	}

}
