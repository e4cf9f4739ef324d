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
package dev.ekuiper.plugin.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code META-INF/spring-configuration-metadata.json} generated from
 * {@link EkuiperPluginProperties}.
 */
class ConfigurationMetadataTests {

	private static final String PREFIX = "ekuiper.plugin.";

	private static final String HEALTH_PREFIX = PREFIX + "health.";

	private final Map<String, JsonNode> properties = loadProperties();

	@Test
	void everyPropertyIsListed() {
		List<String> expected = Arrays.stream(EkuiperPluginProperties.class.getRecordComponents())
			.map((component) -> PREFIX + kebabCase(component.getName()))
			.toList();
		assertThat(this.properties.keySet()
			.stream()
			.filter((name) -> name.startsWith(PREFIX) && !name.startsWith(HEALTH_PREFIX)))
			.containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void healthPropertiesAreListedWithTheirDefault() {
		assertThat(this.properties.keySet().stream().filter((name) -> name.startsWith(HEALTH_PREFIX)))
			.containsExactlyInAnyOrder(HEALTH_PREFIX + "peer-gone-after", HEALTH_PREFIX + "source-idle-after");
		assertThat(this.properties.get(HEALTH_PREFIX + "peer-gone-after").path("defaultValue").asString())
			.isEqualTo("30s");
		assertThat(this.properties.get(HEALTH_PREFIX + "source-idle-after").has("defaultValue")).isFalse();
	}

	@Test
	void everyPropertyHasTypeAndDescription() {
		for (RecordComponent component : EkuiperPluginProperties.class.getRecordComponents()) {
			JsonNode property = property(component);
			assertThat(property.path("type").asString()).as(component.getName())
				.isEqualTo(component.getType().getName().replace("boolean", "java.lang.Boolean"));
			assertThat(property.path("sourceType").asString()).isEqualTo(EkuiperPluginProperties.class.getName());
			assertThat(property.path("description").asString()).as(component.getName()).isNotBlank();
		}
	}

	@Test
	void descriptionsFollowBootConventions() {
		for (RecordComponent component : EkuiperPluginProperties.class.getRecordComponents()) {
			String description = property(component).path("description").asString();
			assertThat(description).as(component.getName()).doesNotStartWith("The ").doesNotStartWith("A ");
			if (component.getType() == boolean.class) {
				assertThat(description).as(component.getName()).matches("^(Whether|Enable) .*");
			}
		}
	}

	@Test
	void everyPropertyButTheNameAndTheExitSwitchesHasADefault() {
		// The name falls back to spring.application.name; the exit switches, unset,
		// follow
		// whether eKuiper launched the process.
		Set<String> withoutDefault = Set.of("name", "exitOnHostLoss", "handleSignals");
		for (RecordComponent component : EkuiperPluginProperties.class.getRecordComponents()) {
			boolean hasDefault = property(component).has("defaultValue");
			assertThat(hasDefault).as(component.getName()).isEqualTo(!withoutDefault.contains(component.getName()));
		}
	}

	@Test
	void exitSwitchesSayTheyFollowHowTheProcessWasLaunched() {
		for (String name : List.of("exit-on-host-loss", "handle-signals")) {
			assertThat(this.properties.get(PREFIX + name).get("description").asString()).as(name)
				.contains("only when eKuiper launched the process");
		}
	}

	@Test
	void documentedDefaultsAreTheBoundDefaults() {
		Map<String, String> documented = new LinkedHashMap<>();
		this.properties.forEach((name, property) -> {
			if (name.startsWith(PREFIX) && property.has("defaultValue")) {
				documented.put(name, property.get("defaultValue").asString());
			}
		});
		assertThat(bind(documented)).isEqualTo(bind(Map.of()));
	}

	@Test
	void healthSwitchIsDocumented() {
		JsonNode property = this.properties.get("management.health.ekuiper.enabled");
		assertThat(property).isNotNull();
		assertThat(property.path("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(property.path("description").asString()).startsWith("Whether");
		assertThat(property.path("defaultValue").asBoolean()).isTrue();
	}

	private JsonNode property(RecordComponent component) {
		JsonNode property = this.properties.get(PREFIX + kebabCase(component.getName()));
		assertThat(property).as(component.getName()).isNotNull();
		return property;
	}

	private static EkuiperPluginProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ekuiper.plugin",
				EkuiperPluginProperties.class);
	}

	private static Map<String, JsonNode> loadProperties() {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		try (InputStream input = Files.newInputStream(metadataFile())) {
			for (JsonNode property : JsonMapper.shared().readTree(input).path("properties")) {
				properties.put(property.path("name").asString(), property);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return properties;
	}

	/** The module's own metadata, not another jar's on the test class path. */
	private static Path metadataFile() {
		try {
			URL location = EkuiperPluginProperties.class.getProtectionDomain().getCodeSource().getLocation();
			Path classes = Path.of(location.toURI());
			return classes.resolve("META-INF/spring-configuration-metadata.json");
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String kebabCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

}
