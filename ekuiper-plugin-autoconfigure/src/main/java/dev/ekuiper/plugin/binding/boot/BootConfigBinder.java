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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.binding.ConfigBindingException;
import dev.ekuiper.plugin.binding.ConfigBindingException.Problem;
import dev.ekuiper.plugin.protocol.Texts;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Binds configurations with Spring Boot's {@link Binder} and
 * {@link ApplicationConversionService}, the way {@code @ConfigurationProperties} are
 * bound:
 * <ul>
 * <li>relaxed names: {@code poll-period}, {@code poll_period} and eKuiper's
 * {@code pollPeriod} all bind to {@code pollPeriod};</li>
 * <li>Boot's conversions: {@code Duration} ({@code 500ms}, {@code 1s}, {@code PT1S}),
 * {@code DataSize} ({@code 10MB}), enums in any case, comma-separated lists;</li>
 * <li>defaults from {@code @DefaultValue} on record components and from a JavaBean's
 * field initialisers; an unset primitive is {@code 0} or {@code false};</li>
 * <li>a type annotated {@link Validated @Validated} is checked with Jakarta Bean
 * Validation ({@code @Min}, {@code @NotBlank} …) when a provider is on the class
 * path.</li>
 * </ul>
 * One rule is stricter than Boot's: a number with a fraction never binds to a
 * whole-number type ({@code 1.5} into an {@code int} fails instead of becoming
 * {@code 1}), while {@code 5.0}, as JSON may send a whole number, binds. Placeholders
 * such as {@code ${x}} are not resolved: eKuiper's values are taken as they are.
 */
public final class BootConfigBinder implements ConfigBinder {

	private static final String[] VALIDATION_CLASSES = { "jakarta.validation.Validator",
			"jakarta.validation.ValidatorFactory", "jakarta.validation.bootstrap.GenericBootstrap" };

	private final ConversionService conversionService = ApplicationConversionService.getSharedInstance();

	private final Supplier<Validator> validator;

	/**
	 * Creates a binder that validates {@code @Validated} types when Jakarta Bean
	 * Validation is on the class path.
	 * @param classLoader where to look for Bean Validation
	 */
	public BootConfigBinder(ClassLoader classLoader) {
		// Created on first use, as Boot does: a validator costs start-up time.
		this.validator = isBeanValidationPresent(classLoader) ? SingletonSupplier.of(BeanValidation::create) : null;
	}

	/**
	 * Returns whether {@code @Validated} types are validated.
	 * @return {@code true} when Bean Validation is on the class path
	 */
	public boolean isValidating() {
		return this.validator != null;
	}

	@Override
	public <T> T bind(Map<String, ?> config, Class<T> type) throws ConfigBindingException {
		return bind(config, type, this.validator != null && type.isAnnotationPresent(Validated.class));
	}

	@Override
	public <T> T defaults(Class<T> type) throws ConfigBindingException {
		return bind(Map.of(), type, false);
	}

	private <T> T bind(Map<String, ?> config, Class<T> type, boolean validate) throws ConfigBindingException {
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten("", config, flat);
		Binder binder = new Binder(List.of(new MapConfigurationPropertySource(flat)), null, this.conversionService);
		BindHandler handler = new WholeNumbers();
		if (validate) {
			handler = new ValidationBindHandler(handler, new RootTypeValidator(this.validator.get(), type));
		}
		try {
			return binder.bindOrCreate(ConfigurationPropertyName.EMPTY, Bindable.of(type), handler);
		}
		catch (BindException ex) {
			throw new ConfigBindingException(problems(ex, flat));
		}
	}

	/**
	 * Flattens JSON values into Boot's property names, as Boot does for
	 * {@code SPRING_APPLICATION_JSON}: {@code a.b} for objects, {@code a[0]} for lists.
	 */
	private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> flat) {
		map.forEach((key, value) -> put(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, flat));
	}

	private static void put(String name, Object value, Map<String, Object> flat) {
		if (value instanceof Map<?, ?> map && !map.isEmpty()) {
			flatten(name, map, flat);
		}
		else if (value instanceof Collection<?> collection && !collection.isEmpty()) {
			int index = 0;
			for (Object element : collection) {
				put(name + "[" + index++ + "]", element, flat);
			}
		}
		else if (value != null) {
			flat.put(name, value);
		}
	}

	private static List<Problem> problems(BindException ex, Map<String, Object> flat) {
		if (ex.getCause() instanceof BindValidationException validation) {
			List<Problem> problems = new ArrayList<>();
			for (ObjectError error : validation.getValidationErrors().getAllErrors()) {
				problems.add(problem(error, flat));
			}
			return problems;
		}
		ConfigurationProperty property = ex.getProperty();
		ConfigurationPropertyName name = (property != null) ? property.getName() : ex.getName();
		Map.Entry<String, Object> given = given(name, flat);
		String shownName = (given != null) ? given.getKey() : name.toString();
		Object value = (given != null) ? given.getValue() : (property != null) ? property.getValue() : null;
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		if (name.isEmpty()) {
			return List.of(new Problem(null, null, Texts.describe(cause)));
		}
		if (ex.getCause() instanceof ConversionException || ex.getCause() instanceof WholeNumberException) {
			Class<?> type = ex.getTarget().getType().resolve(Object.class);
			return List.of(new Problem(shownName, value, expected(type)));
		}
		return List.of(new Problem(shownName, value, Texts.describe(cause)));
	}

	private static Problem problem(ObjectError error, Map<String, Object> flat) {
		String reason = (error.getDefaultMessage() != null) ? error.getDefaultMessage()
				: String.valueOf(error.getCode());
		if (!(error instanceof FieldError field)) {
			return new Problem(null, null, reason);
		}
		Map.Entry<String, Object> given = given(
				ConfigurationPropertyName.adapt(DataObjectPropertyName.toDashedForm(field.getField()), '.'), flat);
		Object value = (given != null) ? given.getValue() : field.getRejectedValue();
		return new Problem((given != null) ? given.getKey() : field.getField(), value, reason);
	}

	/**
	 * Finds the key and value a property was given under, in whatever form the key was
	 * written.
	 */
	private static Map.Entry<String, Object> given(ConfigurationPropertyName name, Map<String, Object> flat) {
		for (Map.Entry<String, Object> entry : flat.entrySet()) {
			if (ConfigurationPropertyName.adapt(entry.getKey(), '.').equals(name)) {
				return entry;
			}
		}
		return null;
	}

	private static String expected(Class<?> type) {
		if (type == DataSize.class) {
			return "expected a DataSize such as 512KB or 10MB";
		}
		return ConfigBindingException.expected(type);
	}

	private static boolean isBeanValidationPresent(ClassLoader classLoader) {
		for (String name : VALIDATION_CLASSES) {
			if (!ClassUtils.isPresent(name, classLoader)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Refuses a number with a fraction for a whole-number type, which Boot's converters
	 * cut.
	 */
	private static final class WholeNumbers extends AbstractBindHandler {

		@Override
		public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			ConfigurationProperty property = context.getConfigurationProperty();
			Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(target.getType().resolve(Object.class));
			if (property != null && property.getValue() instanceof Number number && isWholeNumberType(type)
					&& !isWhole(number)) {
				throw new WholeNumberException();
			}
			return super.onSuccess(name, target, context, result);
		}

		private static boolean isWholeNumberType(Class<?> type) {
			return type == Byte.class || type == Short.class || type == Integer.class || type == Long.class
					|| type == java.math.BigInteger.class;
		}

		private static boolean isWhole(Number number) {
			if (number instanceof java.math.BigDecimal decimal) {
				return decimal.stripTrailingZeros().scale() <= 0;
			}
			double value = number.doubleValue();
			return value == Math.rint(value);
		}

	}

	/** A fraction for a whole-number type. */
	private static final class WholeNumberException extends IllegalArgumentException {

		WholeNumberException() {
			super("a number with a fraction for a whole-number type");
		}

	}

	/**
	 * Validates the configuration type itself; nested types only through {@code @Valid},
	 * as Boot does.
	 */
	private record RootTypeValidator(Validator delegate, Class<?> type) implements Validator {

		@Override
		public boolean supports(Class<?> candidate) {
			return this.type.equals(candidate);
		}

		@Override
		public void validate(Object target, Errors errors) {
			this.delegate.validate(target, errors);
		}

	}

	/**
	 * Creates Boot's Bean Validation validator; loaded only when Bean Validation is
	 * present.
	 */
	private static final class BeanValidation {

		static Validator create() {
			LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
			validator.setMessageInterpolator(new MessageInterpolatorFactory().getObject());
			validator.afterPropertiesSet();
			return validator;
		}

	}

}
