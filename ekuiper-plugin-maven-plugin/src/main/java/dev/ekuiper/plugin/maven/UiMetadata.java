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

import dev.ekuiper.plugin.descriptor.ArgumentDescriptor;
import dev.ekuiper.plugin.descriptor.PropertyDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The metadata files eKuiper's UI reads: {@code sources/<source>.json},
 * {@code sinks/<sink>.json} and {@code functions/<function>.json}, in the formats of
 * eKuiper's own {@code etc} files. Texts exist only in English, so the Chinese entries
 * repeat them.
 */
final class UiMetadata {

	private final String pluginName;

	private final Author author;

	private final String helpUrl;

	/**
	 * Creates a generator.
	 * @param pluginName the plugin name
	 * @param author who wrote the plugin, or {@code null}
	 * @param helpUrl a documentation address, or {@code null}
	 */
	UiMetadata(String pluginName, Author author, String helpUrl) {
		this.pluginName = pluginName;
		this.author = author;
		this.helpUrl = helpUrl;
	}

	/**
	 * Renders the metadata of a source; its properties form the {@code default}
	 * configuration key.
	 * @param source the source
	 * @return the file content
	 */
	byte[] source(SymbolDescriptor source) {
		ObjectNode file = JsonFiles.mapper().createObjectNode();
		file.set("about", about(source, "source"));
		file.putArray("libs");
		file.putObject("properties").set("default", properties(source));
		file.set("node", node(source, "source"));
		return JsonFiles.bytes(file);
	}

	/**
	 * Renders the metadata of a sink; its properties are the rule action's.
	 * @param sink the sink
	 * @return the file content
	 */
	byte[] sink(SymbolDescriptor sink) {
		ObjectNode file = JsonFiles.mapper().createObjectNode();
		file.set("about", about(sink, "sink"));
		file.putArray("libs");
		file.set("properties", properties(sink));
		file.set("node", node(sink, "sink"));
		return JsonFiles.bytes(file);
	}

	/**
	 * Renders the metadata of a function: its declared arguments with an example call, or
	 * no arguments when it declares no signature.
	 * @param function the function
	 * @return the file content
	 */
	byte[] function(SymbolDescriptor function) {
		ObjectNode file = JsonFiles.mapper().createObjectNode();
		file.set("about", about(function, "function"));
		ObjectNode entry = file.putArray("functions").addObject();
		entry.put("name", function.name());
		if (!function.arguments().isEmpty()) {
			entry.put("example", example(function));
		}
		entry.put("aggregate", function.aggregate());
		entry.set("hint", text(description(function, "function")));
		if (!function.arguments().isEmpty()) {
			entry.set("args", arguments(function));
		}
		entry.set("node", node(function, "function"));
		return JsonFiles.bytes(file);
	}

	private static ArrayNode arguments(SymbolDescriptor function) {
		ArrayNode args = JsonFiles.mapper().createArrayNode();
		for (ArgumentDescriptor argument : function.arguments()) {
			ObjectNode arg = args.addObject();
			arg.put("name", argument.name());
			arg.put("optional", argument.optional());
			arg.put("control", "field");
			arg.put("type", argument.type());
			arg.set("hint", text(argument.repeated() ? argument.name() + ", any number of times" : argument.name()));
			arg.set("label", text(argument.name()));
		}
		return args;
	}

	/**
	 * A call as eKuiper's own metadata shows one, e.g. {@code round(value, digits)} or
	 * {@code concat(text...)}.
	 */
	private static String example(SymbolDescriptor function) {
		StringBuilder call = new StringBuilder(function.name()).append('(');
		for (ArgumentDescriptor argument : function.arguments()) {
			if (call.charAt(call.length() - 1) != '(') {
				call.append(", ");
			}
			call.append(argument.name()).append(argument.repeated() ? "..." : "");
		}
		return call.append(')').toString();
	}

	private ObjectNode about(SymbolDescriptor symbol, String kind) {
		ObjectNode about = JsonFiles.mapper().createObjectNode();
		about.put("trial", false);
		if (this.author != null) {
			ObjectNode author = about.putObject("author");
			author.put("name", orEmpty(this.author.name()));
			author.put("email", orEmpty(this.author.email()));
			author.put("company", orEmpty(this.author.company()));
			author.put("website", orEmpty(this.author.website()));
		}
		about.set("helpUrl", (this.helpUrl != null) ? text(this.helpUrl) : JsonFiles.mapper().createObjectNode());
		about.set("description", text(description(symbol, kind)));
		return about;
	}

	private String description(SymbolDescriptor symbol, String kind) {
		if (symbol.description() != null && !symbol.description().isBlank()) {
			return symbol.description();
		}
		return "The " + kind + " '" + symbol.name() + "' of the Java plugin '" + this.pluginName + "'.";
	}

	private static ArrayNode properties(SymbolDescriptor symbol) {
		ArrayNode fields = JsonFiles.mapper().createArrayNode();
		for (PropertyDescriptor property : symbol.properties()) {
			ObjectNode field = fields.addObject();
			field.put("name", property.name());
			if (isList(property)) {
				// eKuiper reads a list default as nested field definitions and rejects
				// the whole folder for a list of plain values.
				field.putArray("default");
			}
			else if (property.defaultValue() != null) {
				field.set("default", JsonFiles.mapper().valueToTree(property.defaultValue()));
			}
			field.put("optional", property.defaultValue() != null);
			field.put("control", control(property.type()));
			field.put("type", property.type());
			boolean described = property.description() != null && !property.description().isBlank();
			field.set("hint", text(described ? property.description() : property.name()));
			field.set("label", text(property.name()));
		}
		return fields;
	}

	private static boolean isList(PropertyDescriptor property) {
		return property.type().startsWith("list") || property.defaultValue() instanceof Iterable<?>;
	}

	private static String control(String type) {
		return switch (type) {
			case "bool" -> "radio";
			case "object" -> "list";
			default -> type.startsWith("list") ? "list" : "text";
		};
	}

	private static ObjectNode node(SymbolDescriptor symbol, String category) {
		ObjectNode node = JsonFiles.mapper().createObjectNode();
		node.put("category", category);
		node.put("icon", "iconPath");
		node.set("label", text(symbol.name()));
		return node;
	}

	private static ObjectNode text(String english) {
		ObjectNode text = JsonFiles.mapper().createObjectNode();
		text.put("en_US", english);
		text.put("zh_CN", english);
		return text;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	/**
	 * Who wrote the plugin, as eKuiper's UI shows it.
	 *
	 * @param name a person or team
	 * @param email an address to write to
	 * @param company the organisation
	 * @param website the organisation's or project's site
	 */
	record Author(String name, String email, String company, String website) {
	}

}
