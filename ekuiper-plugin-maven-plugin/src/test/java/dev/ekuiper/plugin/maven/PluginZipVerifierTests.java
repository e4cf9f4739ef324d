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

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link PluginZipVerifier}.
 */
class PluginZipVerifierTests {

	private final PluginZipVerifier verifier = new PluginZipVerifier("sam", Descriptors.sam());

	@TempDir
	Path temp;

	@Test
	void verifyWhenThePackageMatchesTheCodeShouldPass() throws Exception {
		Path zip = ZipBuilder.samPackage().write(this.temp.resolve("sam.zip"));
		assertThatNoException().isThrownBy(() -> this.verifier.verify(zip));
	}

	@Test
	void verifyWhenTheManifestIsMissingShouldFail() throws Exception {
		assertProblem(ZipBuilder.samPackage().remove("sam.json"), "sam.json is missing at the root of the zip");
	}

	@Test
	void verifyWhenTheLauncherLacksTheExecBitShouldFail() throws Exception {
		assertProblem(ZipBuilder.samPackage().file("sam", "#!/bin/sh\n", 0644),
				"the executable sam does not carry the exec bit");
	}

	@Test
	void verifyWhenTheExecutableIsNotAnEntryShouldFail() throws Exception {
		assertProblem(ZipBuilder.samPackage().remove("sam"),
				"the executable \"sam\" named in sam.json is not an entry");
	}

	@Test
	void verifyWhenTheManifestListsASymbolTheCodeLacksShouldFail() throws Exception {
		String manifest = "{\"version\":\"v1\",\"language\":\"go\",\"executable\":\"sam\","
				+ "\"sources\":[\"pyjson\",\"ghost\"],\"sinks\":[],\"functions\":[\"revert\"]}";
		assertProblem(ZipBuilder.samPackage().file("sam.json", manifest, 0644),
				"sam.json lists sources 'ghost', which the code does not declare",
				"sam.json does not list the sinks 'print' that the code declares");
	}

	@Test
	void verifyWhenTheLanguageIsNotGoShouldFail() throws Exception {
		String manifest = "{\"version\":\"v1\",\"language\":\"python\",\"executable\":\"sam\",\"sources\":[\"pyjson\"],"
				+ "\"sinks\":[\"print\"],\"functions\":[\"revert\"]}";
		assertProblem(ZipBuilder.samPackage().file("sam.json", manifest, 0644), "must declare language \"go\"");
	}

	@Test
	void verifyWhenASourceHasNoYamlShouldFail() throws Exception {
		assertProblem(ZipBuilder.samPackage().remove("sources/pyjson.yaml"),
				"sources/pyjson.yaml is missing; eKuiper requires it for every source");
	}

	@Test
	void verifyWhenASourceYamlIsNotAMappingShouldFail() throws Exception {
		assertProblem(ZipBuilder.samPackage().file("sources/pyjson.yaml", "- just\n- a list\n", 0644),
				"sources/pyjson.yaml is not a YAML mapping");
	}

	@Test
	void verifyWhenMetadataNamesAnUnknownSymbolShouldFail() throws Exception {
		assertProblem(ZipBuilder.samPackage().file("sinks/ghost.json", "{\"about\":{}}", 0644),
				"sinks/ghost.json belongs to no sinks symbol of the code");
	}

	@Test
	void verifyWhenMetadataLacksAboutShouldFail() throws Exception {
		assertProblem(ZipBuilder.samPackage().file("sinks/print.json", "{\"properties\":[]}", 0644),
				"sinks/print.json needs an \"about\" object, or eKuiper rejects its folder");
	}

	@Test
	void verifyWhenMetadataIsNotJsonShouldFail() throws Exception {
		assertProblem(ZipBuilder.samPackage().file("functions/revert.json", "{oops", 0644),
				"functions/revert.json is not valid JSON");
	}

	@Test
	void verifyWhenAFolderEntryComesAfterItsFilesShouldFail() throws Exception {
		ZipBuilder builder = ZipBuilder.samPackage().remove("sinks/").folder("sinks/");
		assertProblem(builder, "entry sinks/print.json comes before an entry for its folder");
	}

	@Test
	void verifyWhenTheJarIsMissingShouldFail() throws Exception {
		assertProblem(ZipBuilder.samPackage().remove("sam.jar"), "the jar sam.jar is missing");
	}

	private void assertProblem(ZipBuilder builder, String... problems) throws Exception {
		Path zip = builder.write(this.temp.resolve("broken.zip"));
		var failure = assertThatExceptionOfType(PackagingException.class).isThrownBy(() -> this.verifier.verify(zip))
			.withMessageStartingWith("The plugin package " + zip + " would not install as intended:");
		for (String problem : problems) {
			failure.withMessageContaining(problem);
		}
	}

}
