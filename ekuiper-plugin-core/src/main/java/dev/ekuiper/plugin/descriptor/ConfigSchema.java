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

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.binding.ConfigBindingException;
import dev.ekuiper.plugin.binding.Durations;
import dev.ekuiper.plugin.protocol.Texts;

/**
 * The configuration type a source or sink declares, and its properties: eKuiper's type
 * name for each and its default. Defaults are what the plugin's {@link ConfigBinder}
 * binds an empty configuration to, so the generated files follow the binding rules (a
 * record's {@code @DefaultValue} with the starter's binder, a compact constructor, a
 * bean's field initialisers, a primitive's {@code 0} or {@code false}).
 *
 * <p>
 * A property that cannot be described (its type has no eKuiper name, or its default
 * cannot be written) carries a {@link PropertyDescriptor#problem() problem}, which the
 * packaging reports.
 */
public final class ConfigSchema {

	private static final String[] TEXT_FACTORIES = { "valueOf", "of", "from", "parse", "fromString" };

	private ConfigSchema() {
	}

	/**
	 * Returns the configuration type a symbol class declares as the type argument of
	 * {@code symbolInterface} ({@code Source<MyConfig>}).
	 * @param symbolClass the implementation class
	 * @param symbolInterface {@code Source.class} or {@code Sink.class}
	 * @return the type, or {@code null} when the symbol takes the raw property map
	 */
	public static Class<?> configType(Class<?> symbolClass, Class<?> symbolInterface) {
		for (Class<?> type = symbolClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Type candidate : type.getGenericInterfaces()) {
				if (candidate instanceof ParameterizedType parameterized
						&& parameterized.getRawType() == symbolInterface) {
					Type argument = parameterized.getActualTypeArguments()[0];
					if (argument instanceof Class<?> bound && !Map.class.isAssignableFrom(bound)
							&& bound != Object.class) {
						return bound;
					}
					return null;
				}
			}
		}
		return null;
	}

	/**
	 * Describes the properties of a configuration type.
	 * @param type the configuration type, or {@code null}
	 * @param binder the binder the runtime binds the type with; it gives the defaults
	 * @return its properties in declaration order, empty for {@code null}
	 */
	public static List<PropertyDescriptor> properties(Class<?> type, ConfigBinder binder) {
		List<PropertyDescriptor> properties = new ArrayList<>();
		if (type == null) {
			return properties;
		}
		Object defaults = null;
		String unknownDefaults = null;
		try {
			defaults = binder.defaults(type);
		}
		catch (ConfigBindingException | RuntimeException ex) {
			unknownDefaults = "its default is unknown, as an empty configuration does not bind: " + Texts.describe(ex);
		}
		for (Member member : members(type)) {
			JsonPropertyDescription description = member.element().getAnnotation(JsonPropertyDescription.class);
			String typeName = typeName(member.genericType());
			String problem = (typeName != null) ? unknownDefaults
					: "its type " + member.genericType().getTypeName() + " has no eKuiper type";
			Object defaultValue = null;
			if (defaults != null) {
				try {
					defaultValue = written(member.read(defaults));
				}
				catch (UndescribableException ex) {
					problem = (problem != null) ? problem : "its default " + ex.getMessage();
				}
			}
			properties.add(new PropertyDescriptor(member.name(), (typeName != null) ? typeName : "string", defaultValue,
					(description != null) ? description.value() : "", problem));
		}
		return properties;
	}

	/** A record component or a bean field. */
	private record Member(String name, Type genericType, AnnotatedElement element) {

		Object read(Object target) throws UndescribableException {
			try {
				if (this.element instanceof Method accessor) {
					accessor.setAccessible(true);
					return accessor.invoke(target);
				}
				Field field = (Field) this.element;
				field.setAccessible(true);
				return field.get(target);
			}
			catch (IllegalAccessException | InaccessibleObjectException | InvocationTargetException ex) {
				throw new UndescribableException("cannot be read: " + ex);
			}
		}

	}

	private static List<Member> members(Class<?> type) {
		List<Member> members = new ArrayList<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				// Annotations on a component reach its accessor (METHOD), not the
				// component itself.
				members.add(new Member(component.getName(), component.getGenericType(), component.getAccessor()));
			}
			return members;
		}
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
					members.add(new Member(field.getName(), field.getGenericType(), field));
				}
			}
		}
		return members;
	}

	/**
	 * Names a Java type the way eKuiper's UI metadata does, or {@code null} if none fits.
	 */
	private static String typeName(Type type) {
		Class<?> raw = raw(type);
		if (raw == null) {
			return null;
		}
		if (raw == boolean.class || raw == Boolean.class) {
			return "bool";
		}
		if (isWholeNumber(raw)) {
			return "int";
		}
		if (raw == double.class || raw == float.class || Number.class.isAssignableFrom(raw)) {
			return "float";
		}
		if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
			Type element = raw.isArray() ? elementOf(type) : argument(type, 0);
			String elementName = (element != null) ? typeName(element) : null;
			if (elementName == null) {
				return null;
			}
			return "int".equals(elementName) ? "list_int" : "list_string";
		}
		if (Map.class.isAssignableFrom(raw)) {
			Class<?> key = raw(argument(type, 0));
			Type value = argument(type, 1);
			boolean textKeys = key == String.class || (key != null && key.isEnum());
			return (textKeys && value != null && typeName(value) != null) ? "object" : null;
		}
		if (isText(raw)) {
			return "string";
		}
		return isNested(raw) ? "object" : null;
	}

	private static boolean isWholeNumber(Class<?> type) {
		return type == int.class || type == long.class || type == short.class || type == byte.class
				|| type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
				|| type == BigInteger.class;
	}

	/**
	 * Whether values of a type are written as text: strings, enums, durations and value
	 * types.
	 */
	private static boolean isText(Class<?> type) {
		if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class
				|| type.isEnum()) {
			return true;
		}
		if (type == Object.class || type == Optional.class) {
			return false;
		}
		if (Path.class.isAssignableFrom(type)) {
			return true;
		}
		if (type.getName().startsWith("java.")) {
			// URI, UUID, Locale, Charset, the java.time types and the like.
			return !type.isInterface();
		}
		if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
			return false;
		}
		// A value type with a factory from text, such as Spring's DataSize.parse("10MB").
		for (Method method : type.getMethods()) {
			if (Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 1
					&& type.isAssignableFrom(method.getReturnType()) && isTextParameter(method.getParameterTypes()[0])
					&& List.of(TEXT_FACTORIES).contains(method.getName())) {
				return true;
			}
		}
		for (Constructor<?> constructor : type.getConstructors()) {
			if (constructor.getParameterCount() == 1 && isTextParameter(constructor.getParameterTypes()[0])) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTextParameter(Class<?> type) {
		return type == String.class || type == CharSequence.class;
	}

	/** Whether a type is bound property by property: a record or a bean with fields. */
	private static boolean isNested(Class<?> type) {
		if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isPrimitive()
				|| type.getName().startsWith("java.")) {
			return false;
		}
		return !members(type).isEmpty();
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> plain) {
			return plain;
		}
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
			return raw;
		}
		if (type instanceof GenericArrayType array) {
			Class<?> component = raw(array.getGenericComponentType());
			return (component != null) ? Array.newInstance(component, 0).getClass() : null;
		}
		return null;
	}

	private static Type argument(Type type, int index) {
		if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
			Type argument = parameterized.getActualTypeArguments()[index];
			return (raw(argument) != null) ? argument : null;
		}
		return null;
	}

	private static Type elementOf(Type arrayType) {
		if (arrayType instanceof GenericArrayType array) {
			return array.getGenericComponentType();
		}
		return ((Class<?>) arrayType).getComponentType();
	}

	/**
	 * Converts a bound default to what eKuiper's files hold: scalars as they are, a
	 * duration as {@code 1s}, an enum by name, value types as their text, lists, maps and
	 * nested types as lists and maps.
	 */
	private static Object written(Object value) throws UndescribableException {
		if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
			return value;
		}
		if (value instanceof Duration duration) {
			return Durations.format(duration);
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		if (value instanceof Collection<?> collection) {
			List<Object> list = new ArrayList<>();
			for (Object element : collection) {
				list.add(written(element));
			}
			return list;
		}
		if (value.getClass().isArray()) {
			List<Object> list = new ArrayList<>();
			for (int i = 0; i < Array.getLength(value); i++) {
				list.add(written(Array.get(value, i)));
			}
			return list;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> written = new LinkedHashMap<>();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				written.put(String.valueOf(written(entry.getKey())), written(entry.getValue()));
			}
			return written;
		}
		if (isText(value.getClass())) {
			return value.toString();
		}
		if (isNested(value.getClass())) {
			Map<String, Object> written = new LinkedHashMap<>();
			for (Member member : members(value.getClass())) {
				Object element = written(member.read(value));
				if (element != null) {
					written.put(member.name(), element);
				}
			}
			return written;
		}
		throw new UndescribableException("of type " + value.getClass().getName() + " cannot be written");
	}

	/** A default that cannot be written into eKuiper's files. */
	private static final class UndescribableException extends Exception {

		UndescribableException(String message) {
			super(message);
		}

	}

}
