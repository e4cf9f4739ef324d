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
package dev.ekuiper.plugin.archetype;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Quick start" shows code that a generated project holds, so that the code
 * it shows compiles and is tested (by the archetype's integration test), and the commands
 * of "Start a new plugin" use this archetype and name modules that exist. Snippets are
 * compared line by line with the indentation stripped, so that they may be shown less
 * indented than in their file.
 */
class ReadmeSnippetsTests {

	private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```$");

	private final Path readme = Path.of(System.getProperty("readme"));

	private final Path resources = Path.of(System.getProperty("archetype.resources"));

	private final String version = System.getProperty("project.version");

	@Test
	void everyJavaSnippetOfTheQuickStartIsPartOfTheArchetype() throws IOException {
		List<String> snippets = blocks(section("Quick start"), "java");
		assertThat(snippets).as("java blocks in the README's Quick start").isNotEmpty();
		List<String> sources = files(".java");
		for (String snippet : snippets) {
			assertThat(sources).as("an archetype source containing\n%s", snippet)
				.anySatisfy((source) -> assertThat(source).contains(snippet));
		}
	}

	@Test
	void everyXmlSnippetOfTheQuickStartIsPartOfTheGeneratedPom() throws IOException {
		List<String> snippets = blocks(section("Quick start"), "xml");
		assertThat(snippets).as("xml blocks in the README's Quick start").isNotEmpty();
		String pom = unindented(Files.readString(this.resources.resolve("pom.xml")));
		for (String snippet : snippets) {
			assertThat(pom).contains(snippet);
		}
	}

	@Test
	void theStartCommandsBuildModulesThatExist() throws IOException {
		List<String> blocks = blocks(section("Start a new plugin"), "sh");
		assertThat(blocks).hasSize(1);
		Matcher modules = Pattern.compile("-pl\\s+(\\S+)").matcher(blocks.get(0));
		assertThat(modules.find()).as("a -pl option in\n%s", blocks.get(0)).isTrue();
		Path root = this.readme.getParent();
		for (String module : modules.group(1).split(",")) {
			assertThat(root.resolve(module).resolve("pom.xml")).as("module %s", module).isRegularFile();
		}
		assertThat(blocks.get(0)).contains("-DarchetypeArtifactId=ekuiper-plugin-archetype")
			.contains("-DarchetypeVersion=" + this.version + " ");
	}

	private String section(String title) throws IOException {
		String text = Files.readString(this.readme);
		Matcher heading = Pattern.compile("(?m)^(#+) " + Pattern.quote(title) + ".*$").matcher(text);
		assertThat(heading.find()).as("a README section '%s'", title).isTrue();
		Matcher next = Pattern.compile("(?m)^#{1," + heading.group(1).length() + "} ").matcher(text);
		int end = next.find(heading.end()) ? next.start() : text.length();
		return text.substring(heading.end(), end);
	}

	private static List<String> blocks(String markdown, String language) {
		List<String> blocks = new ArrayList<>();
		Matcher block = FENCED_BLOCK.matcher(markdown);
		while (block.find()) {
			if (block.group(1).equals(language)) {
				blocks.add(unindented(block.group(2)).strip());
			}
		}
		return blocks;
	}

	private List<String> files(String extension) throws IOException {
		try (Stream<Path> files = Files.walk(this.resources)) {
			return files.filter((file) -> file.toString().endsWith(extension)).map(ReadmeSnippetsTests::read).toList();
		}
	}

	private static String unindented(String text) {
		return text.lines().map(String::strip).collect(Collectors.joining("\n", "", "\n"));
	}

	private static String read(Path file) {
		try {
			return unindented(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
