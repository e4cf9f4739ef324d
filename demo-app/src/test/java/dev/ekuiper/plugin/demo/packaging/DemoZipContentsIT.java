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
package dev.ekuiper.plugin.demo.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.Symbol;
import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.demo.DemoApplication;
import dev.ekuiper.plugin.descriptor.ConfigSchema;
import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.descriptor.PropertyDescriptor;
import dev.ekuiper.plugin.descriptor.SymbolDescriptor;
import dev.ekuiper.plugin.protocol.Json;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the demo's plugin zip, as the package phase built it, and checks it against the
 * demo's code and against what eKuiper's installer and UI need. What the zip should hold
 * comes from a context of the demo application started in describe mode, the way the
 * build describes it, and from the symbol beans of that context.
 */
@TestInstance(Lifecycle.PER_CLASS)
class DemoZipContentsIT {

	private static final String PLUGIN = "demo";

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private Path zip;

	private ZipFile zipFile;

	private final Map<String, ZipArchiveEntry> entries = new LinkedHashMap<>();

	private PluginDescriptor descriptor;

	private ConfigBinder binder;

	private final Map<String, SymbolBean> sources = new LinkedHashMap<>();

	private final Map<String, SymbolBean> sinks = new LinkedHashMap<>();

	private final Map<String, SymbolBean> functions = new LinkedHashMap<>();

	@BeforeAll
	void readZipAndDescribeTheDemo(@TempDir Path directory) throws IOException {
		this.zip = BuiltFiles.zip();
		this.zipFile = ZipFile.builder().setPath(this.zip).get();
		for (ZipArchiveEntry entry : Collections.list(this.zipFile.getEntries())) {
			assertThat(this.entries.put(entry.getName(), entry)).as("entry %s appears once", entry.getName()).isNull();
		}
		Path describedTo = directory.resolve("descriptor.json");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DemoApplication.class)
			.web(WebApplicationType.NONE)
			.registerShutdownHook(false)
			.properties(PluginDescriptor.DESCRIBE_TO_PROPERTY + "=" + describedTo,
					"ekuiper.plugin.exit-on-host-loss=false")
			.run()) {
			assertThat(context.getEnvironment().getProperty("ekuiper.plugin.name")).isEqualTo(PLUGIN);
			this.binder = context.getBean(ConfigBinder.class);
			collectSymbolBeans(context, Source.class, this.sources);
			collectSymbolBeans(context, Sink.class, this.sinks);
			collectSymbolBeans(context, Function.class, this.functions);
		}
		this.descriptor = PluginDescriptor.read(describedTo);
	}

	@AfterAll
	void closeZip() throws IOException {
		if (this.zipFile != null) {
			this.zipFile.close();
		}
	}

	@Test
	void describeModeDescribesTheSymbolBeansOfTheDemosConfigurationClasses() throws IOException {
		assertThat(this.descriptor.name()).isEqualTo(PLUGIN);
		assertThat(names(this.descriptor.sources())).containsExactlyInAnyOrderElementsOf(this.sources.keySet());
		assertThat(names(this.descriptor.sinks())).containsExactlyInAnyOrderElementsOf(this.sinks.keySet());
		assertThat(names(this.descriptor.functions())).containsExactlyInAnyOrderElementsOf(this.functions.keySet());
		assertThat(this.sources).isNotEmpty();
		assertThat(this.sinks).isNotEmpty();
		assertThat(this.functions).isNotEmpty();
		Path built = BuiltFiles.buildDescriptor(this.zip);
		if (Files.isRegularFile(built)) {
			assertThat(PluginDescriptor.read(built)).as("the descriptor the build wrote").isEqualTo(this.descriptor);
		}
	}

	@Test
	void manifestIsAtTheRootAndListsEverySymbolBeanForLanguageGo() {
		JsonNode manifest = json(PLUGIN + ".json");
		assertThat(manifest.path("language").asString()).isEqualTo("go");
		assertThat(manifest.path("executable").asString()).isEqualTo(PLUGIN);
		assertThat(manifest.path("version").asString()).startsWith("v");
		if (manifest.has("name")) {
			assertThat(manifest.path("name").asString()).isEqualTo(PLUGIN);
		}
		assertThat(strings(manifest.path("sources"))).containsExactlyInAnyOrderElementsOf(this.sources.keySet());
		assertThat(strings(manifest.path("sinks"))).containsExactlyInAnyOrderElementsOf(this.sinks.keySet());
		assertThat(strings(manifest.path("functions"))).containsExactlyInAnyOrderElementsOf(this.functions.keySet());
	}

	@Test
	void launcherIsAnExecutableShellScript() throws IOException {
		ZipArchiveEntry launcher = this.entries.get(PLUGIN);
		assertThat(launcher).isNotNull();
		assertThat(launcher.getPlatform()).isEqualTo(ZipArchiveEntry.PLATFORM_UNIX);
		assertThat(launcher.getUnixMode() & UnixStat.FILE_TYPE_FLAG).isEqualTo(UnixStat.FILE_FLAG);
		assertThat(Integer.toOctalString(launcher.getUnixMode() & 07777)).isEqualTo("755");
		assertThat(text(PLUGIN)).startsWith("#!/bin/sh\n").contains("exec ");
		assertThat(text("install.sh")).startsWith("#!/bin/sh\n");
	}

	@Test
	void foldersComeBeforeTheirEntries() {
		Set<String> folders = new LinkedHashSet<>();
		for (ZipArchiveEntry entry : this.entries.values()) {
			String name = entry.getName();
			String path = entry.isDirectory() ? name.substring(0, name.length() - 1) : name;
			for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
				assertThat(folders).as("folder entry before %s", name).contains(path.substring(0, slash + 1));
			}
			if (entry.isDirectory()) {
				assertThat(entry.getUnixMode() & UnixStat.FILE_TYPE_FLAG).isEqualTo(UnixStat.DIR_FLAG);
				folders.add(name);
			}
		}
		assertThat(folders).contains("sources/", "sinks/", "functions/");
	}

	@Test
	void everySourceHasItsYamlWithTheDefaultsOfItsConfigType() throws IOException {
		for (SymbolBean source : this.sources.values()) {
			String name = "sources/" + source.name() + ".yaml";
			assertThat(this.entries).as(name).containsKey(name);
			Map<String, Object> yaml = new Yaml().load(text(name));
			assertThat(yaml).as(name).containsKey("default");
			JsonNode defaults = normalized(Json.mapper().valueToTree(yaml.get("default")));
			assertThat(defaults).as("default section of %s", name).isEqualTo(defaultsOf(source.configType()));
		}
	}

	@Test
	void sensorYamlHoldsTheDefaultValuesOfItsConfigRecord() throws IOException {
		Map<String, Object> defaults = new Yaml().<Map<String, Map<String, Object>>>load(text("sources/sensor.yaml"))
			.get("default");
		assertThat(defaults).containsEntry("period", "1s")
			.containsEntry("sensors", List.of("sensor-1", "sensor-2"))
			.containsEntry("minTemperature", 18.0)
			.containsEntry("maxHumidity", 60.0)
			.containsEntry("seed", 0);
	}

	@Test
	void everySymbolHasUiMetadataNamingIt() {
		for (SymbolBean source : this.sources.values()) {
			JsonNode metadata = json("sources/" + source.name() + ".json");
			assertNode(metadata, source, "source");
			assertThat(fieldNames(metadata.path("properties").path("default")))
				.containsExactlyElementsOf(propertyNames(source.configType()));
		}
		for (SymbolBean sink : this.sinks.values()) {
			JsonNode metadata = json("sinks/" + sink.name() + ".json");
			assertNode(metadata, sink, "sink");
			assertThat(fieldNames(metadata.path("properties")))
				.containsExactlyElementsOf(propertyNames(sink.configType()));
		}
		for (SymbolBean function : this.functions.values()) {
			JsonNode metadata = json("functions/" + function.name() + ".json");
			assertThat(metadata.path("about").path("description").path("en_US").asString())
				.isEqualTo(function.description());
			JsonNode declared = metadata.path("functions");
			assertThat(declared.size()).isOne();
			assertThat(declared.get(0).path("name").asString()).isEqualTo(function.name());
			assertThat(declared.get(0).path("aggregate").asBoolean()).isEqualTo(function.aggregate());
			assertThat(declared.get(0).path("node").path("category").asString()).isEqualTo("function");
		}
	}

	@Test
	void symbolFoldersHoldOnlyFilesOfSymbols() {
		Map<String, Set<String>> symbols = Map.of("sources/", this.sources.keySet(), "sinks/", this.sinks.keySet(),
				"functions/", this.functions.keySet());
		symbols.forEach((folder, names) -> {
			List<String> files = new ArrayList<>();
			for (String name : this.entries.keySet()) {
				if (name.startsWith(folder) && !name.equals(folder)) {
					files.add(name.substring(folder.length(), name.lastIndexOf('.')));
				}
			}
			assertThat(new LinkedHashSet<>(files)).as(folder).containsExactlyInAnyOrderElementsOf(names);
		});
	}

	@Test
	void fatJarIsInsideAsBuilt() throws IOException {
		ZipArchiveEntry entry = this.entries.get(PLUGIN + ".jar");
		assertThat(entry).isNotNull();
		Path jar = BuiltFiles.jar();
		assertThat(entry.getSize()).isEqualTo(Files.size(jar));
		try (InputStream in = Files.newInputStream(jar)) {
			assertThat(sha256(this.zipFile.getInputStream(entry))).isEqualTo(sha256(in));
		}
		String mainClass = DemoApplication.class.getName().replace('.', '/') + ".class";
		boolean applicationInside = false;
		try (JarInputStream in = new JarInputStream(this.zipFile.getInputStream(entry))) {
			Manifest manifest = in.getManifest();
			assertThat(manifest.getMainAttributes().getValue("Start-Class")).isEqualTo(DemoApplication.class.getName());
			assertThat(manifest.getMainAttributes().getValue("Main-Class"))
				.startsWith("org.springframework.boot.loader");
			for (ZipEntry each = in.getNextEntry(); each != null; each = in.getNextEntry()) {
				applicationInside |= each.getName().equals("BOOT-INF/classes/" + mainClass);
			}
		}
		assertThat(applicationInside).as("the demo's classes are in the jar").isTrue();
	}

	private void assertNode(JsonNode metadata, SymbolBean symbol, String category) {
		assertThat(metadata.path("about").path("description").path("en_US").asString())
			.as("description of %s", symbol.name())
			.isEqualTo(symbol.description());
		assertThat(metadata.path("node").path("category").asString()).isEqualTo(category);
		assertThat(metadata.path("node").path("label").path("en_US").asString()).isEqualTo(symbol.name());
	}

	/**
	 * The defaults a config type has: what the application's binder binds an empty map
	 * to.
	 */
	private JsonNode defaultsOf(Class<?> configType) {
		ObjectNode defaults = Json.mapper().createObjectNode();
		for (PropertyDescriptor property : ConfigSchema.properties(configType, this.binder)) {
			if (property.defaultValue() != null) {
				defaults.set(property.name(), Json.mapper().valueToTree(property.defaultValue()));
			}
		}
		return normalized(defaults);
	}

	private List<String> propertyNames(Class<?> configType) {
		return ConfigSchema.properties(configType, this.binder).stream().map(PropertyDescriptor::name).toList();
	}

	/** Reads a tree back from its text, so that equal numbers have equal node types. */
	private static JsonNode normalized(JsonNode node) {
		return Json.mapper().readTree(Json.mapper().writeValueAsString(node));
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		if (node.isArray()) {
			node.forEach((field) -> names.add(field.path("name").asString()));
		}
		else {
			node.properties().forEach((property) -> names.add(property.getKey()));
		}
		return names;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static List<String> names(List<SymbolDescriptor> symbols) {
		return symbols.stream().map(SymbolDescriptor::name).toList();
	}

	private JsonNode json(String name) {
		assertThat(this.entries).as(name).containsKey(name);
		try (InputStream in = this.zipFile.getInputStream(this.entries.get(name))) {
			return this.jsonMapper.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String text(String name) throws IOException {
		assertThat(this.entries).as(name).containsKey(name);
		try (InputStream in = this.zipFile.getInputStream(this.entries.get(name))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String sha256(InputStream in) throws IOException {
		try (DigestInputStream digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
			digest.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(digest.getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Collects the context's symbol beans of one kind, checking that each is declared by
	 * a {@code @Bean} method of one of the demo's {@code @Configuration} classes.
	 */
	private static void collectSymbolBeans(ConfigurableApplicationContext context, Class<?> kind,
			Map<String, SymbolBean> symbols) {
		for (String beanName : context.getBeanNamesForType(kind, true, false)) {
			BeanDefinition definition = context.getBeanFactory().getBeanDefinition(beanName);
			assertThat(definition.getFactoryMethodName()).as("bean %s comes from a @Bean method", beanName)
				.isEqualTo(beanName);
			Class<?> declaringClass = context.getType(definition.getFactoryBeanName());
			assertThat(declaringClass).isNotNull();
			assertThat(AnnotatedElementUtils.hasAnnotation(declaringClass, Configuration.class))
				.as("%s is a @Configuration class", declaringClass)
				.isTrue();
			assertThat(declaringClass.getPackageName()).startsWith(DemoApplication.class.getPackageName());
			Symbol symbol = context.findAnnotationOnBean(beanName, Symbol.class);
			String name = (symbol != null && !symbol.value().isEmpty()) ? symbol.value() : beanName;
			String description = (symbol != null) ? symbol.description() : "";
			Class<?> type = context.getType(beanName);
			Class<?> configType = (kind == Function.class) ? null
					: ResolvableType.forClass(type).as(kind).resolveGeneric(0);
			boolean aggregate = (kind == Function.class) && context.getBean(beanName, Function.class).isAggregate();
			symbols.put(name, new SymbolBean(name, description,
					(configType == null || Map.class.isAssignableFrom(configType)) ? null : configType, aggregate));
		}
	}

	/**
	 * A symbol as the demo's code declares it.
	 *
	 * @param name the symbol name
	 * @param description its description
	 * @param configType its typed configuration, or {@code null} for a raw map
	 * @param aggregate whether a function aggregates
	 */
	record SymbolBean(String name, String description, Class<?> configType, boolean aggregate) {
	}

}
