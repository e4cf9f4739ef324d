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

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PluginManifest}.
 */
class PluginManifestTests {

	@Test
	void renderShouldDeclareLanguageGoWithTheLauncherAsExecutable() {
		byte[] manifest = PluginManifest.render("sam", "v1.2.0", Descriptors.sam());
		JsonNode json = JsonFiles.mapper().readTree(manifest);
		assertThat(json.propertyNames()).containsExactly("version", "language", "executable", "sources", "sinks",
				"functions");
		assertThat(json.get("version").asString()).isEqualTo("v1.2.0");
		assertThat(json.get("language").asString()).isEqualTo("go");
		assertThat(json.get("executable").asString()).isEqualTo("sam");
		assertThat(json.has("name")).isFalse();
	}

	@Test
	void renderShouldListEverySymbolByKind() {
		JsonNode json = JsonFiles.mapper().readTree(PluginManifest.render("sam", "v1", Descriptors.sam()));
		assertThat(json.get("sources").valueStream().map(JsonNode::asString)).containsExactly("pyjson");
		assertThat(json.get("sinks").valueStream().map(JsonNode::asString)).containsExactly("print");
		assertThat(json.get("functions").valueStream().map(JsonNode::asString)).containsExactly("revert");
	}

	@Test
	void renderWhenAKindHasNoSymbolShouldWriteAnEmptyList() {
		String text = new String(PluginManifest.render("fn", "v1", Descriptors.functionOnly("fn", "f")),
				StandardCharsets.UTF_8);
		JsonNode json = JsonFiles.mapper().readTree(text);
		assertThat(json.get("sources").isArray()).isTrue();
		assertThat(json.get("sources")).isEmpty();
		assertThat(text).endsWith("}\n");
	}

}
