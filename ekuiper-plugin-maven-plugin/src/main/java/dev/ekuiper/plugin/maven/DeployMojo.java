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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Installs the project's plugin zip into a running eKuiper over its REST API, or updates
 * it when a plugin of that name is installed, then prints the plugin's status. The
 * project is packaged first. eKuiper downloads the zip itself: from a {@code file://} URL
 * when it runs on this machine, from the build serving it on {@code ekuiper.serve} for
 * the length of the call, or from {@code ekuiper.fileUrl}.
 */
@Mojo(name = "deploy", threadSafe = true)
@Execute(phase = LifecyclePhase.PACKAGE)
public class DeployMojo extends AbstractMojo {

	/** eKuiper's REST address, such as {@code http://localhost:9081}. */
	@Parameter(property = "ekuiper.url", required = true)
	private String url;

	/**
	 * A URL eKuiper downloads the zip from, when it can reach neither this machine's
	 * files nor the build.
	 */
	@Parameter(property = "ekuiper.fileUrl")
	private String fileUrl;

	/**
	 * {@code host} or {@code host:port} on which eKuiper reaches this machine: the build
	 * serves the zip there while eKuiper installs it. Needed when eKuiper runs elsewhere.
	 */
	@Parameter(property = "ekuiper.serve")
	private String serve;

	/**
	 * Seconds an install may take; eKuiper answers after running the plugin's install.sh.
	 */
	@Parameter(property = "ekuiper.timeout", defaultValue = "300")
	private int timeout;

	/** Plugin name; defaults to the one the package goal described. */
	@Parameter(property = "ekuiper-plugin.name")
	private String pluginName;

	/** The build directory, where the package goal leaves the zip and the descriptor. */
	@Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
	private File outputDirectory;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		try {
			URI base = base();
			String name = name();
			Path zip = this.outputDirectory.toPath().resolve(name + ".zip");
			if (!Files.isRegularFile(zip)) {
				throw new DeploymentException("No plugin zip at " + zip + "; the package goal writes it");
			}
			EkuiperDeployment deployment = new EkuiperDeployment(base, Duration.ofSeconds(this.timeout),
					getLog()::info);
			String status;
			if (this.fileUrl != null && !this.fileUrl.isBlank()) {
				status = deployment.deploy(name, this.fileUrl.strip());
			}
			else if (this.serve != null && !this.serve.isBlank()) {
				try (ZipServer server = ZipServer.start(this.serve, zip, getLog()::info)) {
					status = deployment.deploy(name, server.url().toString());
				}
			}
			else if (EkuiperDeployment.isLocal(base)) {
				status = deployment.deploy(name, zip.toAbsolutePath().toUri().toString());
			}
			else {
				throw new DeploymentException("eKuiper at " + base + " runs on another machine, so it cannot read "
						+ zip + ". Set ekuiper.serve to the address it reaches this machine on (the build serves "
						+ "the zip there while eKuiper installs it), or ekuiper.fileUrl to a URL it can download "
						+ "the zip from.");
			}
			getLog().info("Plugin '" + name + "' status: " + status);
		}
		catch (DeploymentException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
	}

	private URI base() throws DeploymentException {
		try {
			URI base = URI.create(this.url.strip());
			if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
				throw new IllegalArgumentException("not an http(s) URL");
			}
			return base;
		}
		catch (IllegalArgumentException ex) {
			throw new DeploymentException("ekuiper.url '" + this.url + "' is not eKuiper's REST address, such as "
					+ "http://localhost:9081: " + ex.getMessage(), ex);
		}
	}

	private String name() throws DeploymentException {
		if (this.pluginName != null && !this.pluginName.isBlank()) {
			return this.pluginName.strip();
		}
		Path descriptor = this.outputDirectory.toPath()
			.resolve(PackageMojo.WORK_FOLDER)
			.resolve(DescribeProcess.DESCRIPTOR_FILE);
		try {
			return PluginDescriptor.read(descriptor).name();
		}
		catch (IOException ex) {
			throw new DeploymentException("Cannot tell the plugin's name: the package goal writes " + descriptor + " ("
					+ ex.getMessage() + "). Bind the package goal of ekuiper-plugin-maven-plugin, or set "
					+ "ekuiper-plugin.name.", ex);
		}
	}

}
