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
