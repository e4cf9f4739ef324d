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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules every {@link ConfigBinder} follows, whatever it builds on. A binder's tests
 * extend this class.
 */
public abstract class ConfigBinderContractTests {

	/**
	 * Returns the binder under test.
	 * @return the binder
	 */
	protected abstract ConfigBinder binder();

	@Test
	void bindShouldReadDurationsInSimpleAndIsoForm() throws Exception {
		assertThat(bind(Map.of("period", "500ms")).period()).isEqualTo(Duration.ofMillis(500));
		assertThat(bind(Map.of("period", "1s")).period()).isEqualTo(Duration.ofSeconds(1));
		assertThat(bind(Map.of("period", "2m")).period()).isEqualTo(Duration.ofMinutes(2));
		assertThat(bind(Map.of("period", "PT1.5S")).period()).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void bindShouldReadABareNumberAsMilliseconds() throws Exception {
		assertThat(bind(Map.of("period", 250)).period()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void bindWhenADurationIsBadShouldSayWhatWasExpected() {
		assertThatExceptionOfType(ConfigBindingException.class).isThrownBy(() -> bind(Map.of("period", "fast")))
			.withMessage("property 'period' = 'fast': expected a Duration such as 500ms or PT1S");
	}

	@Test
	void bindShouldAcceptAWholeNumberSentAsAFloat() throws Exception {
		Sample sample = bind(Map.of("count", 5.0, "total", 7.0, "ratio", 2));
		assertThat(sample.count()).isEqualTo(5);
		assertThat(sample.total()).isEqualTo(7L);
		assertThat(sample.ratio()).isEqualTo(2.0);
	}

	@Test
	void bindShouldAcceptAWholeNumberSentAsText() throws Exception {
		assertThat(bind(Map.of("count", "12")).count()).isEqualTo(12);
	}

	@Test
	void bindWhenANumberHasAFractionShouldRefuseItForAWholeNumberType() {
		assertThatExceptionOfType(ConfigBindingException.class).isThrownBy(() -> bind(Map.of("count", 1.5)))
			.withMessage("property 'count' = 1.5: expected a whole number (int)");
		assertThatExceptionOfType(ConfigBindingException.class).isThrownBy(() -> bind(Map.of("total", 5.5)))
			.withMessage("property 'total' = 5.5: expected a whole number (long)");
		assertThatExceptionOfType(ConfigBindingException.class).isThrownBy(() -> bind(Map.of("boxed", 0.25)))
			.withMessage("property 'boxed' = 0.25: expected a whole number (int)");
	}

	@Test
	void bindWhenANumberIsTextShouldNameThePropertyAndTheValue() {
		assertThatExceptionOfType(ConfigBindingException.class).isThrownBy(() -> bind(Map.of("count", "many")))
			.withMessage("property 'count' = 'many': expected a whole number (int)")
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("count")));
	}

	@Test
	void bindWhenPrimitivesAreUnsetShouldGiveTheirDefaults() throws Exception {
		Sample sample = bind(Map.of());
		assertThat(sample.count()).isZero();
		assertThat(sample.total()).isZero();
		assertThat(sample.ratio()).isZero();
		assertThat(sample.enabled()).isFalse();
		assertThat(sample.boxed()).isNull();
		assertThat(sample.name()).isNull();
	}

	@Test
	void bindShouldReadBooleans() throws Exception {
		assertThat(bind(Map.of("enabled", true)).enabled()).isTrue();
		assertThat(bind(Map.of("enabled", "true")).enabled()).isTrue();
	}

	@Test
	void bindShouldMatchEnumConstantsInAnyCase() throws Exception {
		assertThat(bind(Map.of("unit", "fahrenheit")).unit()).isEqualTo(Unit.FAHRENHEIT);
		assertThat(bind(Map.of("unit", "Celsius")).unit()).isEqualTo(Unit.CELSIUS);
	}

	@Test
	void bindWhenAnEnumConstantIsUnknownShouldListTheConstants() {
		assertThatExceptionOfType(ConfigBindingException.class).isThrownBy(() -> bind(Map.of("unit", "kelvin")))
			.withMessage("property 'unit' = 'kelvin': expected one of CELSIUS, FAHRENHEIT");
	}

	@Test
	void bindShouldReadNestedRecordsListsAndMaps() throws Exception {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("tags", List.of("a", "b"));
		config.put("limits", Map.of("low", 1, "high", 9.0));
		config.put("server", Map.of("host", "example.com", "port", 8080.0));
		config.put("replicas", List.of(Map.of("host", "a", "port", 1), Map.of("host", "b", "port", 2)));
		Sample sample = bind(config);
		assertThat(sample.tags()).containsExactly("a", "b");
		assertThat(sample.limits()).containsOnly(Map.entry("low", 1), Map.entry("high", 9));
		assertThat(sample.server()).isEqualTo(new Server("example.com", 8080));
		assertThat(sample.replicas()).containsExactly(new Server("a", 1), new Server("b", 2));
	}

	@Test
	void bindWhenANestedValueIsBadShouldNameItsPath() {
		assertThatExceptionOfType(ConfigBindingException.class)
			.isThrownBy(() -> bind(Map.of("server", Map.of("host", "h", "port", "http"))))
			.withMessage("property 'server.port' = 'http': expected a whole number (int)");
		assertThatExceptionOfType(ConfigBindingException.class)
			.isThrownBy(() -> bind(Map.of("limits", Map.of("low", 0.5))))
			.withMessage("property 'limits.low' = 0.5: expected a whole number (int)");
	}

	@Test
	void bindShouldIgnoreKeysTheTypeDoesNotKnow() throws Exception {
		assertThat(bind(Map.of("datasource", "demo", "format", "json", "name", "n")).name()).isEqualTo("n");
	}

	@Test
	void bindShouldKeepTheFieldInitialisersOfAJavaBean() throws Exception {
		Tuning defaults = binder().bind(Map.of(), Tuning.class);
		assertThat(defaults.getRetries()).isEqualTo(3);
		assertThat(defaults.getMode()).isEqualTo("fast");
		Tuning tuned = binder().bind(Map.of("retries", 5), Tuning.class);
		assertThat(tuned.getRetries()).isEqualTo(5);
		assertThat(tuned.getMode()).isEqualTo("fast");
	}

	@Test
	void bindWhenTheTypeRefusesTheValuesShouldSayWhy() {
		assertThatExceptionOfType(ConfigBindingException.class)
			.isThrownBy(() -> binder().bind(Map.of("low", 5, "high", 1), Range.class))
			.withMessage("low 5 is above high 1");
	}

	@Test
	void defaultsShouldBeWhatAnEmptyConfigurationBindsTo() throws Exception {
		assertThat(binder().defaults(Tuning.class).getRetries()).isEqualTo(3);
		assertThat(binder().defaults(Sample.class)).isEqualTo(bind(Map.of()));
	}

	@Test
	void detailShouldMaskSecretValuesBeforeShorteningThem() {
		String secret = "s3cr3t-" + "x".repeat(80);
		assertThatExceptionOfType(ConfigBindingException.class).isThrownBy(() -> bind(Map.of("count", secret)))
			.satisfies((ex) -> assertThat(ex.detail((text) -> text.replace(secret, "******")))
				.isEqualTo("property 'count' = '******': expected a whole number (int)"));
	}

	private Sample bind(Map<String, ?> config) throws ConfigBindingException {
		return binder().bind(config, Sample.class);
	}

	/**
	 * A configuration with every kind of property.
	 *
	 * @param period a duration
	 * @param count a primitive int
	 * @param total a primitive long
	 * @param ratio a primitive double
	 * @param enabled a primitive boolean
	 * @param boxed a boxed int
	 * @param name a text
	 * @param unit an enum
	 * @param tags a list
	 * @param limits a map
	 * @param server a nested record
	 * @param replicas a list of nested records
	 */
	public record Sample(Duration period, int count, long total, double ratio, boolean enabled, Integer boxed,
			String name, Unit unit, List<String> tags, Map<String, Integer> limits, Server server,
			List<Server> replicas) {
	}

	/** Units. */
	public enum Unit {

		/** Degrees Celsius. */
		CELSIUS,

		/** Degrees Fahrenheit. */
		FAHRENHEIT

	}

	/**
	 * A nested configuration.
	 *
	 * @param host the host
	 * @param port the port
	 */
	public record Server(String host, int port) {
	}

	/**
	 * A configuration that checks its values.
	 *
	 * @param low the lower bound
	 * @param high the upper bound
	 */
	public record Range(int low, int high) {

		/**
		 * Checks the bounds.
		 * @param low the lower bound
		 * @param high the upper bound
		 */
		public Range {
			if (low > high) {
				throw new IllegalArgumentException("low " + low + " is above high " + high);
			}
		}

	}

	/** A JavaBean whose field initialisers are its defaults. */
	public static class Tuning {

		private int retries = 3;

		private String mode = "fast";

		/**
		 * Returns the retries.
		 * @return the retries
		 */
		public int getRetries() {
			return this.retries;
		}

		/**
		 * Sets the retries.
		 * @param retries the retries
		 */
		public void setRetries(int retries) {
			this.retries = retries;
		}

		/**
		 * Returns the mode.
		 * @return the mode
		 */
		public String getMode() {
			return this.mode;
		}

		/**
		 * Sets the mode.
		 * @param mode the mode
		 */
		public void setMode(String mode) {
			this.mode = mode;
		}

	}

}
