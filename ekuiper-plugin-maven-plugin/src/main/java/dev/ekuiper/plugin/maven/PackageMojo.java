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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import javax.inject.Inject;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.maven.ExtraFiles.ExtraFile;
import org.apache.maven.model.Developer;
import org.apache.maven.model.Model;
import org.apache.maven.model.Organization;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packages the project's plugin application as an eKuiper portable plugin zip. The
 * application's jar, as {@code spring-boot:repackage} left it, is run once in describe
 * mode; its symbols and their configuration properties give {@code <plugin>.json}, the
 * sources' default configuration and the UI metadata, next to a launcher script, the jar
 * and an {@code install.sh} that prepares a faster start-up on the device. The zip is
 * checked against the code before the build goes on.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractMojo {

	/** The folder under the build directory where the package is laid out. */
	static final String WORK_FOLDER = "ekuiper";

	private final MavenProjectHelper projectHelper;

	/** The project being built. */
	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/**
	 * Executable jar of the plugin application, run to describe it and shipped in the
	 * package. Declare this plugin after {@code spring-boot-maven-plugin} so that the jar
	 * is already repackaged.
	 */
	@Parameter(property = "ekuiper-plugin.jar",
			defaultValue = "${project.build.directory}/${project.build.finalName}.jar", required = true)
	private File jar;

	/**
	 * Plugin name, which names the zip, the launcher and the folder in eKuiper. Defaults
	 * to the name the application serves under ({@code ekuiper.plugin.name}); when both
	 * are set they must be the same.
	 */
	@Parameter(property = "ekuiper-plugin.name")
	private String pluginName;

	/** Version eKuiper shows for the plugin. */
	@Parameter(property = "ekuiper-plugin.version", defaultValue = "v${project.version}", required = true)
	private String version;

	/**
	 * Space-separated JVM options the launcher starts the plugin with. On the device,
	 * {@code EKUIPER_PLUGIN_JAVA_OPTS} in eKuiper's environment adds to them and wins.
	 */
	@Parameter(property = "ekuiper-plugin.jvmOptions", defaultValue = LauncherScripts.DEFAULT_JVM_OPTIONS)
	private String jvmOptions;

	/**
	 * Folder of hand-made files laid out like the package: {@code install.sh} with
	 * install steps of your own, {@code sources/<source>.yaml} or {@code .json},
	 * {@code sinks/<sink>.json} and {@code functions/<function>.json} to replace
	 * generated files, and any other file to add to the plugin folder.
	 */
	@Parameter(property = "ekuiper-plugin.extraFiles", defaultValue = "${project.basedir}/src/main/ekuiper")
	private File extraFiles;

	/** Seconds the application may take to describe itself. */
	@Parameter(property = "ekuiper-plugin.describeTimeout", defaultValue = "120")
	private int describeTimeout;

	/** Folder the package is laid out in and zipped to. */
	@Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
	private File outputDirectory;

	/**
	 * Time given to every zip entry, for reproducible packages; the build time if unset.
	 */
	@Parameter(defaultValue = "${project.build.outputTimestamp}")
	private String outputTimestamp;

	/**
	 * Whether to attach the zip to the project, so that install and deploy publish it.
	 */
	@Parameter(property = "ekuiper-plugin.attach", defaultValue = "true")
	private boolean attach;

	/** Whether to skip packaging. */
	@Parameter(property = "ekuiper-plugin.skip", defaultValue = "false")
	private boolean skip;

	/**
	 * Creates the goal.
	 * @param projectHelper attaches the zip to the project
	 */
	@Inject
	public PackageMojo(MavenProjectHelper projectHelper) {
		this.projectHelper = projectHelper;
	}

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping eKuiper plugin packaging");
			return;
		}
		try {
			Path zip = pack();
			if (this.attach) {
				this.projectHelper.attachArtifact(this.project, "zip", zip.toFile());
			}
		}
		catch (PackagingException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot package the eKuiper plugin: " + ex.getMessage(), ex);
		}
	}

	private Path pack() throws PackagingException, IOException {
		Path jarFile = checkJar(this.jar.toPath());
		Path work = this.outputDirectory.toPath().resolve(WORK_FOLDER);
		DescribeProcess describe = new DescribeProcess(DescribeProcess.currentJava(),
				Duration.ofSeconds(this.describeTimeout), DescribeProcess.GRACE, this.project.getBasedir().toPath());
		PluginDescriptor descriptor = describe.describe(jarFile, work, getLog()::warn);
		String name = DescriptorChecks.pluginName(descriptor, this.pluginName, getLog()::warn);
		List<ExtraFile> extras = ExtraFiles.scan(this.extraFiles.toPath(), name, descriptor);
		extras.forEach((extra) -> getLog().info("Adding " + extra.path() + " from " + extra.source()));
		PluginStaging staging = new PluginStaging(name, this.version, new LauncherScripts(name, this.jvmOptions),
				new UiMetadata(name, author(), this.project.getOriginalModel().getUrl()));
		Path folder = work.resolve(name);
		List<PackageEntry> entries = staging.stage(folder, descriptor, jarFile, extras);
		Path zip = this.outputDirectory.toPath().resolve(name + ".zip");
		PluginZip.write(folder, entries, zip, entryTime());
		new PluginZipVerifier(name, descriptor).verify(zip);
		getLog().info("eKuiper plugin '" + name + "' " + this.version + ": " + descriptor.sources().size()
				+ " source(s), " + descriptor.sinks().size() + " sink(s), " + descriptor.functions().size()
				+ " function(s) in " + zip);
		return zip;
	}

	/**
	 * Checks that a file is an executable jar.
	 * @param file the file
	 * @return the file
	 * @throws PackagingException if it is missing or has no {@code Main-Class}
	 * @throws IOException if it cannot be read
	 */
	static Path checkJar(Path file) throws PackagingException, IOException {
		if (!Files.isRegularFile(file)) {
			throw new PackagingException("No plugin jar at " + file + ". Package the project first, or set jar.");
		}
		try (JarFile jarFile = new JarFile(file.toFile())) {
			Manifest manifest = jarFile.getManifest();
			if (manifest == null || manifest.getMainAttributes().getValue("Main-Class") == null) {
				throw new PackagingException("The jar " + file + " is not executable (no Main-Class). Declare "
						+ "spring-boot-maven-plugin, with its repackage goal, before ekuiper-plugin-maven-plugin.");
			}
		}
		return file;
	}

	/**
	 * Takes the author from the project's own pom only: a parent such as
	 * {@code spring-boot-starter-parent} declares developers and a site of its own.
	 */
	private UiMetadata.Author author() {
		Model model = this.project.getOriginalModel();
		Organization organization = model.getOrganization();
		List<Developer> developers = model.getDevelopers();
		Developer developer = (developers != null && !developers.isEmpty()) ? developers.get(0) : null;
		if (organization == null && developer == null) {
			return null;
		}
		String company = (organization != null) ? organization.getName() : null;
		String website = (organization != null && organization.getUrl() != null) ? organization.getUrl()
				: model.getUrl();
		String name = (developer != null && developer.getName() != null) ? developer.getName() : company;
		return new UiMetadata.Author(name, (developer != null) ? developer.getEmail() : null, company, website);
	}

	private FileTime entryTime() {
		if (this.outputTimestamp != null && !this.outputTimestamp.isBlank()) {
			String value = this.outputTimestamp.strip();
			try {
				return FileTime.from(value.chars().allMatch(Character::isDigit)
						? Instant.ofEpochSecond(Long.parseLong(value)) : Instant.parse(value));
			}
			catch (DateTimeParseException | NumberFormatException ex) {
				getLog().warn("Ignoring project.build.outputTimestamp '" + value + "': not an ISO-8601 instant");
			}
		}
		return FileTime.from(Instant.now());
	}

}
