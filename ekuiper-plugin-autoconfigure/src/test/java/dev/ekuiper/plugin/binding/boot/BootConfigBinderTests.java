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
package dev.ekuiper.plugin.binding.boot;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.binding.ConfigBinderContractTests;
import dev.ekuiper.plugin.binding.ConfigBindingException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BootConfigBinder}: the contract every binder follows, and the rules
 * that come with Spring Boot.
 */
class BootConfigBinderTests extends ConfigBinderContractTests {

	private final BootConfigBinder binder = new BootConfigBinder(getClass().getClassLoader());

	@Override
	protected ConfigBinder binder() {
		return this.binder;
	}

	@Test
	void bindShouldMatchRelaxedNames() throws Exception {
		assertThat(this.binder.bind(Map.of("pollPeriod", "2s"), Polling.class).pollPeriod())
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(this.binder.bind(Map.of("poll-period", "3s"), Polling.class).pollPeriod())
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(this.binder.bind(Map.of("poll_period", "4s"), Polling.class).pollPeriod())
			.isEqualTo(Duration.ofSeconds(4));
		assertThat(this.binder.bind(Map.of("pollperiod", "5s"), Polling.class).pollPeriod())
			.isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void bindWhenARelaxedNameHasABadValueShouldNameItAsGiven() {
		assertThatExceptionOfType(ConfigBindingException.class)
			.isThrownBy(() -> this.binder.bind(Map.of("poll-period", "soon"), Polling.class))
			.withMessage("property 'poll-period' = 'soon': expected a Duration such as 500ms or PT1S");
	}

	@Test
	void bindShouldTakeDefaultValuesOfRecordComponents() throws Exception {
		Polling defaults = this.binder.bind(Map.of(), Polling.class);
		assertThat(defaults.pollPeriod()).isEqualTo(Duration.ofSeconds(1));
		assertThat(defaults.batch()).isEqualTo(10);
		assertThat(defaults.buffer()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(defaults.topics()).containsExactly("a", "b");
		assertThat(this.binder.bind(Map.of("batch", 20), Polling.class).pollPeriod()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void bindShouldReadDataSizes() throws Exception {
		assertThat(this.binder.bind(Map.of("buffer", "10MB"), Polling.class).buffer())
			.isEqualTo(DataSize.ofMegabytes(10));
		assertThat(this.binder.bind(Map.of("buffer", 512), Polling.class).buffer()).isEqualTo(DataSize.ofBytes(512));
		assertThatExceptionOfType(ConfigBindingException.class)
			.isThrownBy(() -> this.binder.bind(Map.of("buffer", "big"), Polling.class))
			.withMessage("property 'buffer' = 'big': expected a DataSize such as 512KB or 10MB");
	}

	@Test
	void bindShouldReadEnumConstantsWithDashes() throws Exception {
		assertThat(this.binder.bind(Map.of("mode", "at-least-once"), Polling.class).mode())
			.isEqualTo(Delivery.AT_LEAST_ONCE);
	}

	@Test
	void bindShouldReadACommaSeparatedList() throws Exception {
		assertThat(this.binder.bind(Map.of("topics", "x,y"), Polling.class).topics()).containsExactly("x", "y");
	}

	@Test
	void bindShouldNotResolvePlaceholders() throws Exception {
		assertThat(this.binder.bind(Map.of("topics", List.of("${user.home}")), Polling.class).topics())
			.containsExactly("${user.home}");
	}

	@Test
	void bindWhenValidatedShouldCheckTheConstraints() throws Exception {
		assertThat(this.binder.isValidating()).isTrue();
		assertThat(this.binder.bind(Map.of("url", "http://x", "batch", 2), Checked.class).batch()).isEqualTo(2);
		assertThatExceptionOfType(ConfigBindingException.class)
			.isThrownBy(() -> this.binder.bind(Map.of("url", "http://x", "batch", 0), Checked.class))
			.withMessage("property 'batch' = 0: must be greater than or equal to 1");
	}

	@Test
	void bindWhenSeveralConstraintsFailShouldReportEachOnOneLine() {
		assertThatExceptionOfType(ConfigBindingException.class)
			.isThrownBy(() -> this.binder.bind(Map.of("batch", "0"), Checked.class))
			.satisfies((ex) -> {
				assertThat(ex.problems()).hasSize(2);
				assertThat(ex.getMessage()).doesNotContain("\n")
					.contains("property 'batch' = '0': must be greater than or equal to 1")
					.contains("property 'url': must not be blank")
					.contains("; ");
			});
	}

	@Test
	void bindWhenValidatedShouldCheckNestedTypesMarkedValid() {
		assertThatExceptionOfType(ConfigBindingException.class).isThrownBy(
				() -> this.binder.bind(Map.of("url", "u", "batch", 1, "retry", Map.of("attempts", -1)), Checked.class))
			.withMessage("property 'retry.attempts' = -1: must be greater than or equal to 0");
	}

	@Test
	void bindWhenNotValidatedShouldAcceptAnyValue() throws Exception {
		assertThat(this.binder.bind(Map.of("batch", 0), Unchecked.class).batch()).isZero();
	}

	@Test
	void bindWithoutBeanValidationOnTheClassPathShouldNotValidate() throws Exception {
		BootConfigBinder unvalidated = new BootConfigBinder(new FilteredClassLoader("jakarta.validation"));
		assertThat(unvalidated.isValidating()).isFalse();
		assertThat(unvalidated.bind(Map.of("batch", 0), Checked.class).batch()).isZero();
	}

	@Test
	void defaultsShouldNotValidate() throws Exception {
		Checked defaults = this.binder.defaults(Checked.class);
		assertThat(defaults.url()).isNull();
		assertThat(defaults.batch()).isEqualTo(1);
	}

	/**
	 * A polling configuration with Boot-style defaults.
	 *
	 * @param pollPeriod time between polls
	 * @param batch records per poll
	 * @param buffer buffer size
	 * @param topics topics to poll
	 * @param mode delivery guarantee
	 */
	record Polling(@DefaultValue("1s") Duration pollPeriod, @DefaultValue("10") int batch,
			@DefaultValue("64KB") DataSize buffer, @DefaultValue( {
					"a", "b" }) List<String> topics,
			Delivery mode){
	}

	/** Delivery guarantees. */
	enum Delivery {

		AT_MOST_ONCE, AT_LEAST_ONCE

	}

	/**
	 * A validated configuration.
	 *
	 * @param url where to send
	 * @param batch records per request
	 * @param retry how to retry
	 */
	@Validated
	record Checked(@NotBlank String url, @DefaultValue("1") @Min(1) int batch, @Valid Retry retry) {
	}

	/**
	 * Nested retry settings.
	 *
	 * @param attempts how many times to retry
	 */
	record Retry(@Min(0) int attempts) {
	}

	/**
	 * Constraints without {@code @Validated}.
	 *
	 * @param batch records per request
	 */
	record Unchecked(@Min(1) int batch) {
	}

}
