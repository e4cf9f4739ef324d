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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.ekuiper.plugin.maven.ExtraFiles.ExtraFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExtraFiles}.
 */
class ExtraFilesTests {

	@TempDir
	Path folder;

	@Test
	void scanWhenTheFolderDoesNotExistShouldFindNothing() throws Exception {
		assertThat(ExtraFiles.scan(this.folder.resolve("missing"), "sam", Descriptors.sam())).isEmpty();
	}

	@Test
	void scanShouldShipTheProjectInstallScriptUnderItsOwnName() throws Exception {
		write("install.sh");
		List<ExtraFile> files = ExtraFiles.scan(this.folder, "sam", Descriptors.sam());
		assertThat(files).singleElement().satisfies((file) -> {
			assertThat(file.path()).isEqualTo("install-extra.sh");
			assertThat(file.mode()).isEqualTo(0755);
		});
	}

	@Test
	void scanShouldAcceptFilesOfExistingSymbolsAndOtherFiles() throws Exception {
		write("sources/pyjson.yaml");
		write("sources/pyjson.json");
		write("sinks/print.json");
		write("functions/revert.json");
		write("conf/app.properties");
		List<ExtraFile> files = ExtraFiles.scan(this.folder, "sam", Descriptors.sam());
		assertThat(files).extracting(ExtraFile::path)
			.containsExactly("conf/app.properties", "functions/revert.json", "sinks/print.json", "sources/pyjson.json",
					"sources/pyjson.yaml");
		assertThat(files).extracting(ExtraFile::mode).containsOnly(0644);
	}

	@Test
	void scanWhenAFileNamesASymbolTheCodeLacksShouldFail() throws Exception {
		write("sources/ghost.yaml");
		write("functions/print.json");
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> ExtraFiles.scan(this.folder, "sam", Descriptors.sam()))
			.withMessageContaining("sources/ghost.yaml: the code has no source named 'ghost' (its sources: [pyjson])")
			.withMessageContaining("functions/print.json: the code has no function named 'print'");
	}

	@Test
	void scanWhenASymbolFileHasAnotherExtensionShouldFail() throws Exception {
		write("sinks/print.yaml");
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> ExtraFiles.scan(this.folder, "sam", Descriptors.sam()))
			.withMessageContaining("sinks/print.yaml: only <sink>.json belong in sinks/");
	}

	@Test
	void scanWhenAFileWouldReplaceAGeneratedOneShouldFail() throws Exception {
		write("sam.json");
		write("app/app.jsa");
		assertThatExceptionOfType(PackagingException.class)
			.isThrownBy(() -> ExtraFiles.scan(this.folder, "sam", Descriptors.sam()))
			.withMessageContaining("sam.json: the build generates this file")
			.withMessageContaining("app/app.jsa: install.sh creates app/");
	}

	private void write(String path) throws Exception {
		Path file = this.folder.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, "content");
	}

}
