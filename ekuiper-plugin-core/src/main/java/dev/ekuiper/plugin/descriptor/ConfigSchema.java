package dev.ekuiper.plugin.descriptor;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ekuiper.plugin.protocol.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The configuration type a source or sink declares, and its properties with defaults.
 * Defaults are what binding an empty configuration yields, so a record's compact
 * constructor or a bean's field initialisers are the single source of truth.
 */
public final class ConfigSchema {

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
				if (candidate instanceof ParameterizedType parameterized && parameterized.getRawType() == symbolInterface) {
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
	 * @return its properties in declaration order, empty for {@code null}
	 */
	public static List<PropertyDescriptor> properties(Class<?> type) {
		List<PropertyDescriptor> properties = new ArrayList<>();
		if (type == null) {
			return properties;
		}
		JsonNode defaults;
		try {
			defaults = Json.mapper().valueToTree(Json.mapper().convertValue(Map.of(), type));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			defaults = null;
		}
		for (Member member : members(type)) {
			JsonNode value = (defaults != null) ? defaults.get(member.name()) : null;
			Object defaultValue = (value == null || value.isNull()) ? null : Json.mapper().convertValue(value, Object.class);
			JsonPropertyDescription description = member.element().getAnnotation(JsonPropertyDescription.class);
			properties.add(new PropertyDescriptor(member.name(), typeName(member.type()), defaultValue,
					(description != null) ? description.value() : ""));
		}
		return properties;
	}

	private record Member(String name, Class<?> type, AnnotatedElement element) {
	}

	private static List<Member> members(Class<?> type) {
		List<Member> members = new ArrayList<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				// Annotations on a component reach its accessor (METHOD), not the component itself.
				members.add(new Member(component.getName(), component.getType(), component.getAccessor()));
			}
			return members;
		}
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (!java.lang.reflect.Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
					members.add(new Member(field.getName(), field.getType(), field));
				}
			}
		}
		return members;
	}

	/** Names a Java type the way eKuiper's UI metadata does. */
	private static String typeName(Class<?> type) {
		if (type == boolean.class || type == Boolean.class) {
			return "bool";
		}
		if (type == int.class || type == long.class || type == short.class || type == Integer.class
				|| type == Long.class || type == Short.class) {
			return "int";
		}
		if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
			return "float";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "list_string";
		}
		if (Map.class.isAssignableFrom(type) || (!type.isEnum() && !CharSequence.class.isAssignableFrom(type)
				&& !type.getName().startsWith("java."))) {
			return "object";
		}
		return "string";
	}

}
