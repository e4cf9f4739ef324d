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

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.binding.JacksonConfigBinder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfigSchema}.
 */
class ConfigSchemaTests {

	private final ConfigBinder binder = new JacksonConfigBinder();

	@Test
	void configTypeShouldBeTheTypeArgumentOfTheSymbolInterface() {
		assertThat(ConfigSchema.configType(TypedSource.class, Source.class)).isEqualTo(Primitives.class);
		assertThat(ConfigSchema.configType(RawSource.class, Source.class)).isNull();
	}

	@Test
	void propertiesOfPrimitivesShouldHaveTheirDefaults() {
		assertThat(ConfigSchema.properties(Primitives.class, this.binder)).containsExactly(
				new PropertyDescriptor("count", "int", 0, "How many"),
				new PropertyDescriptor("ratio", "float", 0.0, ""), new PropertyDescriptor("append", "bool", false, ""),
				new PropertyDescriptor("name", "string", null, ""));
	}

	@Test
	void propertiesShouldTakeDefaultsFromTheCompactConstructor() {
		assertThat(ConfigSchema.properties(Defaulted.class, this.binder)).containsExactly(
				new PropertyDescriptor("period", "string", "1500ms", ""),
				new PropertyDescriptor("unit", "string", "CELSIUS", ""),
				new PropertyDescriptor("tags", "list_string", List.of("a", "b"), ""),
				new PropertyDescriptor("ports", "list_int", List.of(80, 443), ""),
				new PropertyDescriptor("limits", "object", Map.of("max", 9), ""),
				new PropertyDescriptor("server", "object", Map.of("host", "localhost", "port", 8080), ""),
				new PropertyDescriptor("endpoint", "string", "http://example.com", ""),
				new PropertyDescriptor("folder", "string", "/var/data", ""),
				new PropertyDescriptor("scale", "float", new BigDecimal("1.5"), ""));
	}

	@Test
	void propertiesShouldTakeDefaultsFromTheFieldInitialisersOfABean() {
		assertThat(ConfigSchema.properties(Bean.class, this.binder)).containsExactly(
				new PropertyDescriptor("retries", "int", 3, ""), new PropertyDescriptor("mode", "string", "fast", ""));
	}

	@Test
	void propertiesThatCannotBeDescribedShouldSayWhy() {
		List<PropertyDescriptor> properties = ConfigSchema.properties(Undescribable.class, this.binder);
		assertThat(properties).extracting(PropertyDescriptor::name)
			.containsExactly("anything", "factory", "numbered", "mixed", "maybe", "fine");
		assertThat(properties.get(0).problem()).isEqualTo("its type java.lang.Object has no eKuiper type");
		assertThat(properties.get(1).problem())
			.isEqualTo("its type java.util.function.Supplier<java.lang.String> has no eKuiper type");
		assertThat(properties.get(2).problem()).contains("java.util.Map<java.lang.Integer, java.lang.String>");
		assertThat(properties.get(3).problem()).contains("java.util.List<java.lang.Object>");
		assertThat(properties.get(4).problem()).contains("java.util.Optional<java.lang.String>");
		assertThat(properties.get(5).problem()).isNull();
		assertThat(properties).allSatisfy((property) -> assertThat(property.type()).isNotNull());
	}

	@Test
	void propertiesWhenAnEmptyConfigurationDoesNotBindShouldSayTheDefaultsAreUnknown() {
		assertThat(ConfigSchema.properties(Strict.class, this.binder)).singleElement().satisfies((property) -> {
			assertThat(property.defaultValue()).isNull();
			assertThat(property.problem())
				.isEqualTo("its default is unknown, as an empty configuration does not bind: url is required");
		});
	}

	/** Describes a type with the Jackson binder, for the descriptor's tests. */
	static List<PropertyDescriptor> propertiesOf(Class<?> type) {
		return ConfigSchema.properties(type, new JacksonConfigBinder());
	}

	@Test
	void propertiesOfARawMapShouldBeEmpty() {
		assertThat(ConfigSchema.properties(null, this.binder)).isEmpty();
	}

	/**
	 * Primitives, which bind to {@code 0} and {@code false} when unset.
	 *
	 * @param count a count
	 * @param ratio a ratio
	 * @param append a flag
	 * @param name a name without default
	 */
	record Primitives(@JsonPropertyDescription("How many") int count, double ratio, boolean append, String name) {
	}

	/** Units. */
	enum Unit {

		CELSIUS, FAHRENHEIT

	}

	/**
	 * A nested type.
	 *
	 * @param host the host
	 * @param port the port
	 */
	record Server(String host, int port) {
	}

	/**
	 * Defaults set by a compact constructor.
	 *
	 * @param period a duration
	 * @param unit an enum
	 * @param tags texts
	 * @param ports whole numbers
	 * @param limits a map
	 * @param server a nested record
	 * @param endpoint a value type
	 * @param folder a path
	 * @param scale a decimal
	 */
	record Defaulted(Duration period, Unit unit, List<String> tags, Set<Integer> ports, Map<String, Integer> limits,
			Server server, URI endpoint, Path folder, BigDecimal scale) {

		Defaulted {
			period = (period != null) ? period : Duration.ofMillis(1500);
			unit = (unit != null) ? unit : Unit.CELSIUS;
			tags = (tags != null) ? tags : List.of("a", "b");
			ports = (ports != null) ? ports : new java.util.LinkedHashSet<>(List.of(80, 443));
			limits = (limits != null) ? limits : Map.of("max", 9);
			server = (server != null) ? server : new Server("localhost", 8080);
			endpoint = (endpoint != null) ? endpoint : URI.create("http://example.com");
			folder = (folder != null) ? folder : Path.of("/var/data");
			scale = (scale != null) ? scale : new BigDecimal("1.5");
		}

	}

	/** A bean whose field initialisers are its defaults. */
	static class Bean {

		private int retries = 3;

		private String mode = "fast";

		public int getRetries() {
			return this.retries;
		}

		public void setRetries(int retries) {
			this.retries = retries;
		}

		public String getMode() {
			return this.mode;
		}

		public void setMode(String mode) {
			this.mode = mode;
		}

	}

	/**
	 * Properties the packaging cannot describe.
	 *
	 * @param anything any value
	 * @param factory a function
	 * @param numbered a map with number keys
	 * @param mixed a list of anything
	 * @param maybe an optional
	 * @param fine a text
	 */
	record Undescribable(Object anything, Supplier<String> factory, Map<Integer, String> numbered, List<Object> mixed,
			Optional<String> maybe, String fine) {
	}

	/**
	 * A type that refuses an empty configuration.
	 *
	 * @param url required
	 */
	record Strict(String url) {

		Strict {
			if (url == null) {
				throw new IllegalArgumentException("url is required");
			}
		}

	}

	static class TypedSource implements Source<Primitives> {

		@Override
		public void open(SourceContext context) {
		}

	}

	static class RawSource implements Source<Map<String, Object>> {

		@Override
		public void open(SourceContext context) {
		}

	}

}
