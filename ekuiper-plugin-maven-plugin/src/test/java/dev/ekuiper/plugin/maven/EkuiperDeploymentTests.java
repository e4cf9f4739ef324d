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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EkuiperDeployment} and {@link ZipServer} against
 * {@link StandInEkuiper}, which answers as eKuiper 2.4's REST API does.
 */
class EkuiperDeploymentTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path temp;

	private final List<String> log = new CopyOnWriteArrayList<>();

	private StandInEkuiper ekuiper;

	private Path zip;

	@BeforeEach
	void start() throws IOException {
		this.ekuiper = new StandInEkuiper();
		this.zip = ZipBuilder.samPackage().write(this.temp.resolve("sam.zip"));
	}

	@AfterEach
	void stop() {
		this.ekuiper.close();
	}

	@Test
	void aNewPluginIsPostedWithAFileUrlAndItsStatusRead() throws Exception {
		String fileUrl = this.zip.toUri().toString();
		String status = deployment().deploy("sam", fileUrl);
		assertThat(status).isEqualTo("{\"refCount\":{},\"status\":\"running\",\"errMsg\":\"\"}");
		assertThat(this.ekuiper.requests()).containsExactly("GET /plugins/portables/sam",
				"POST /plugins/portables {\"name\":\"sam\",\"file\":\"" + fileUrl + "\"}",
				"GET /plugins/portables/sam/status");
		assertThat(this.ekuiper.downloads()).singleElement().isEqualTo(Files.readAllBytes(this.zip));
		assertThat(this.log).contains("eKuiper: portable plugin sam is created");
	}

	@Test
	void anInstalledPluginIsUpdatedWithPut() throws Exception {
		this.ekuiper.install("sam");
		deployment().deploy("sam", this.zip.toUri().toString());
		assertThat(this.ekuiper.requests()).extracting((request) -> request.split(" ")[0] + " " + request.split(" ")[1])
			.containsExactly("GET /plugins/portables/sam", "PUT /plugins/portables/sam",
					"GET /plugins/portables/sam/status");
		assertThat(this.log).contains("eKuiper: portable plugin sam is updated");
	}

	@Test
	void aRefusalQuotesEkuipersMessage() throws Exception {
		Path broken = ZipBuilder.samPackage()
			.remove("sam.json")
			.write(Files.createDirectories(this.temp.resolve("broken")).resolve("sam.zip"));
		assertThatExceptionOfType(DeploymentException.class)
			.isThrownBy(() -> deployment().deploy("sam", broken.toUri().toString()))
			.withMessage("eKuiper refused to install plugin 'sam' (HTTP 400): \"portable plugin create command error: "
					+ "fail to install plugin: missing or invalid json file sam.json, found 9 files in total\"");
	}

	@Test
	void aFailedUpdateQuotesEkuipersMessage() throws Exception {
		this.ekuiper.install("sam");
		this.ekuiper.failInstallScript("no space left on device");
		assertThatExceptionOfType(DeploymentException.class)
			.isThrownBy(() -> deployment().deploy("sam", this.zip.toUri().toString()))
			.withMessage("eKuiper refused to update plugin 'sam' (HTTP 400): \"portable plugin update command error: "
					+ "fail to install plugin: err:exit status 1 stdout: stderr:no space left on device\"");
	}

	@Test
	void aPluginInstalledMeanwhileIsANameConflict() throws Exception {
		this.ekuiper.installMeanwhile("sam");
		assertThatExceptionOfType(DeploymentException.class)
			.isThrownBy(() -> deployment().deploy("sam", this.zip.toUri().toString()))
			.withMessageStartingWith("eKuiper already has a portable plugin named 'sam' (a name conflict, perhaps "
					+ "installed meanwhile): \"portable plugin create command error: invalid name sam: duplicate\". "
					+ "Run the goal again to update it");
	}

	@Test
	void aFileOutsideEkuipersUploadsGetsAHint() throws Exception {
		this.ekuiper.restrictFilesTo(this.temp.resolve("data/uploads"));
		assertThatExceptionOfType(DeploymentException.class)
			.isThrownBy(() -> deployment().deploy("sam", this.zip.toUri().toString()))
			.withMessageContaining("file access denied: path must be under")
			.withMessageContaining("basic.allowExternalFileAccess");
	}

	@Test
	void anUnreachableEkuiperIsNamed() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		URI closed = URI.create("http://127.0.0.1:" + port);
		assertThatExceptionOfType(DeploymentException.class)
			.isThrownBy(() -> new EkuiperDeployment(closed, TIMEOUT, this.log::add).deploy("sam", "file:///x.zip"))
			.withMessage("eKuiper is not reachable at " + closed + " (connection refused). Is it running, with its "
					+ "REST API (port 9081 by default) open to this machine? Set ekuiper.url to its address.");
	}

	@Test
	void aRemoteEkuiperDownloadsTheZipTheBuildServes() throws Exception {
		URI served;
		try (ZipServer server = ZipServer.start("127.0.0.1:0", this.zip, this.log::add)) {
			served = server.url();
			assertThat(served.toString()).startsWith("http://127.0.0.1:").endsWith("/sam.zip");
			deployment().deploy("sam", served.toString());
		}
		assertThat(this.ekuiper.downloads()).singleElement().isEqualTo(Files.readAllBytes(this.zip));
		assertThat(this.log).anyMatch((line) -> line.startsWith("Serving sam.zip to "));
	}

	@Test
	void aServedZipIsOnlyAtItsOwnPath() throws Exception {
		try (ZipServer server = ZipServer.start("127.0.0.1", this.zip, this.log::add)) {
			String other = server.url().toString().replace("sam.zip", "other.zip");
			assertThatExceptionOfType(DeploymentException.class).isThrownBy(() -> deployment().deploy("sam", other))
				.withMessageContaining(
						"fail to download file " + other + ": cannot download the file with status: 404");
		}
	}

	@Test
	void anAddressThatCannotBeInAUrlIsRefused() {
		assertThatExceptionOfType(DeploymentException.class)
			.isThrownBy(() -> ZipServer.start("0.0.0.0:8000", this.zip, this.log::add))
			.withMessageContaining("name the address eKuiper reaches this machine on");
	}

	@Test
	void loopbackHostsAreLocal() {
		assertThat(EkuiperDeployment.isLocal(URI.create("http://localhost:9081"))).isTrue();
		assertThat(EkuiperDeployment.isLocal(URI.create("http://127.0.0.1:9081"))).isTrue();
		assertThat(EkuiperDeployment.isLocal(URI.create("http://[::1]:9081"))).isTrue();
		assertThat(EkuiperDeployment.isLocal(URI.create("http://192.0.2.10:9081"))).isFalse();
	}

	private EkuiperDeployment deployment() {
		return new EkuiperDeployment(this.ekuiper.url(), TIMEOUT, this.log::add);
	}

}
