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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.test.DevMode;
import dev.ekuiper.plugin.test.DevModeOptions;
import dev.ekuiper.plugin.test.DevModeScenario;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Runs the project's plugin against an embedded eKuiper host, with no eKuiper installed:
 * the project is packaged first, then its jar is launched as eKuiper launches a plugin
 * and the rules of {@code src/dev/ekuiper-dev.yaml} run, or one rule over the plugin's
 * first source, function and sink. Each record is printed on standard output as a JSON
 * line, the plugin's own output as it wrote it; Ctrl-C (or a bound on records or time)
 * stops the rules, ends the plugin, deletes its sockets and prints a summary.
 */
@Mojo(name = "dev", threadSafe = true)
@Execute(phase = LifecyclePhase.PACKAGE)
public class DevMojo extends AbstractMojo {

	/** The project being run. */
	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/** Executable jar of the plugin application, as the package phase left it. */
	@Parameter(property = "ekuiper-plugin.jar",
			defaultValue = "${project.build.directory}/${project.build.finalName}.jar", required = true)
	private File jar;

	/** Plugin name; defaults to the name the application serves under. */
	@Parameter(property = "ekuiper-plugin.name")
	private String pluginName;

	/** Seconds the application may take to describe itself. */
	@Parameter(property = "ekuiper-plugin.describeTimeout", defaultValue = "120")
	private int describeTimeout;

	/**
	 * Scenario file: streams with their source properties and rules with their function,
	 * arguments, window and sink properties, in YAML or JSON. Defaults to the first of
	 * {@code src/dev/ekuiper-dev.yaml}, {@code .yml} and {@code .json} that exists.
	 */
	@Parameter(property = "ekuiper.dev.scenario")
	private File scenario;

	/** Source to start when there is no scenario file; the plugin's first by default. */
	@Parameter(property = "ekuiper.dev.source")
	private String source;

	/**
	 * Function to call on each record when there is no scenario file; the plugin's first
	 * by default, {@code none} for none.
	 */
	@Parameter(property = "ekuiper.dev.function")
	private String function;

	/** Comma-separated record fields passed to the function. */
	@Parameter(property = "ekuiper.dev.args")
	private String args;

	/** Rows per call of an aggregate function; 5 by default. */
	@Parameter(property = "ekuiper.dev.window", defaultValue = "0")
	private int window;

	/**
	 * Sink each row goes to, with {@code requireAck}, when there is no scenario file; the
	 * plugin's first by default, {@code none} for none.
	 */
	@Parameter(property = "ekuiper.dev.sink")
	private String sink;

	/**
	 * Stop after this many printed records (an aggregate's window counts as one); 0 for
	 * no limit.
	 */
	@Parameter(property = "ekuiper.dev.records", defaultValue = "0")
	private long records;

	/**
	 * Stop after this long, such as {@code 30s}, {@code 5m} or {@code PT1H}; no limit by
	 * default.
	 */
	@Parameter(property = "ekuiper.dev.duration")
	private String duration;

	/** How long to wait for the plugin's handshake. */
	@Parameter(property = "ekuiper.dev.initTimeout", defaultValue = "60s")
	private String initTimeout;

	/** Space-separated options for the plugin's JVM. */
	@Parameter(property = "ekuiper.dev.jvmArgs")
	private String jvmArgs;

	/** The build directory, where the package goal leaves the descriptor. */
	@Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
	private File outputDirectory;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		DevModeOptions options;
		try {
			options = options();
		}
		catch (PackagingException | IllegalArgumentException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot describe the eKuiper plugin: " + ex.getMessage(), ex);
		}
		int code = DevMode.runUntilInterrupted(options, System.out, System.err, getLog()::info);
		if (code == 1) {
			throw new MojoFailureException("Dev mode failed; the messages above say why");
		}
	}

	private DevModeOptions options() throws PackagingException, IOException {
		Path jarFile = PackageMojo.checkJar(this.jar.toPath());
		DescribeProcess describe = new DescribeProcess(DescribeProcess.currentJava(),
				Duration.ofSeconds(this.describeTimeout), DescribeProcess.GRACE, this.project.getBasedir().toPath());
		PluginDescriptor descriptor = describe.current(jarFile,
				this.outputDirectory.toPath().resolve(PackageMojo.WORK_FOLDER), getLog()::warn);
		String name = DescriptorChecks.pluginName(descriptor, this.pluginName, getLog()::warn);
		return new DevModeOptions(jarFile, name, scenario(descriptor), this.records,
				DevModeOptions.duration("ekuiper.dev.duration", this.duration),
				DevModeOptions.duration("ekuiper.dev.initTimeout", this.initTimeout), jvmArguments());
	}

	private DevModeScenario scenario(PluginDescriptor descriptor) throws PackagingException {
		Path file = DevScenarios.scenarioFile(this.project.getBasedir().toPath(), this.scenario);
		if (file == null) {
			return DevScenarios.fromSymbols(descriptor, this.source, this.function, this.args, this.window, this.sink);
		}
		Map<String, Object> symbols = new LinkedHashMap<>();
		symbols.put("ekuiper.dev.source", this.source);
		symbols.put("ekuiper.dev.function", this.function);
		symbols.put("ekuiper.dev.args", this.args);
		symbols.put("ekuiper.dev.window", (this.window != 0) ? this.window : null);
		symbols.put("ekuiper.dev.sink", this.sink);
		List<String> set = new ArrayList<>();
		symbols.forEach((property, value) -> {
			if (value != null && !value.toString().isBlank()) {
				set.add(property);
			}
		});
		if (!set.isEmpty()) {
			throw new PackagingException("The scenario " + file + " says what runs, so " + String.join(", ", set)
					+ " cannot be set too: edit the file, or point ekuiper.dev.scenario at another one");
		}
		getLog().info("Dev mode scenario: " + file);
		return DevScenarios.read(file, descriptor);
	}

	private List<String> jvmArguments() {
		if (this.jvmArgs == null || this.jvmArgs.isBlank()) {
			return List.of();
		}
		return Arrays.stream(this.jvmArgs.strip().split("\\s+")).toList();
	}

}
