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
