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
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Installs a portable plugin into a running eKuiper over its REST API, or updates it when
 * one of that name is installed, then reads its status. The contract is eKuiper 2.4's
 * {@code internal/server/portable_init.go}: {@code GET /plugins/portables/{name}} answers
 * 200 with the plugin's info or 404; {@code POST /plugins/portables} with
 * {@code {"name","file"}} answers 201 {@code portable plugin <name> is created};
 * {@code PUT /plugins/portables/{name}} deletes and registers again and answers 200
 * {@code portable plugin <name> is updated}; {@code GET /plugins/portables/{name}/status}
 * answers 200 with {@code {"refCount","status","errMsg"}} or 404. Every refusal is
 * {@code {"error":<code>,"message":"<text>"}} (400, 404 for not found), from
 * {@code handleError} in {@code internal/server/rest.go}; its text is quoted in the
 * error.
 */
final class EkuiperDeployment {

	private static final String PLUGINS = "/plugins/portables";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final URI base;

	private final Duration timeout;

	private final Consumer<String> log;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

	/**
	 * Creates a deployment to one eKuiper.
	 * @param base eKuiper's REST address, such as {@code http://localhost:9081}
	 * @param timeout how long an install may take: eKuiper answers once it downloaded the
	 * zip and ran its {@code install.sh}
	 * @param log receives a line per step
	 */
	EkuiperDeployment(URI base, Duration timeout, Consumer<String> log) {
		String text = base.toString();
		this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
		this.timeout = timeout;
		this.log = log;
	}

	/**
	 * Returns whether eKuiper runs on this machine, so that it can read the zip from a
	 * {@code file://} URL: its host is a loopback address.
	 * @param base eKuiper's REST address
	 * @return whether the host is loopback
	 */
	static boolean isLocal(URI base) {
		String host = base.getHost();
		if (host == null) {
			return false;
		}
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Installs or updates a plugin and returns its status.
	 * @param name the plugin name
	 * @param fileUrl the URL eKuiper downloads the zip from
	 * @return the status eKuiper reports, its JSON text
	 * @throws DeploymentException if eKuiper cannot be reached or refuses the plugin
	 */
	String deploy(String name, String fileUrl) throws DeploymentException {
		ObjectNode body = JsonFiles.mapper().createObjectNode().put("name", name).put("file", fileUrl);
		HttpResponse<String> existing = send(HttpRequest.newBuilder(uri(PLUGINS + "/" + name)).GET(), "look up");
		boolean installed = switch (existing.statusCode()) {
			case 200 -> true;
			case 404 -> false;
			default -> throw unexpected(name, "look up", existing);
		};
		HttpRequest.BodyPublisher json = HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
		HttpResponse<String> answer;
		if (installed) {
			this.log.accept("Updating plugin '" + name + "' in eKuiper at " + this.base + " from " + fileUrl);
			answer = send(HttpRequest.newBuilder(uri(PLUGINS + "/" + name)).PUT(json), "update");
			if (answer.statusCode() != 200) {
				throw refused(name, "update", answer);
			}
		}
		else {
			this.log.accept("Installing plugin '" + name + "' into eKuiper at " + this.base + " from " + fileUrl);
			answer = send(HttpRequest.newBuilder(uri(PLUGINS)).POST(json), "install");
			if (answer.statusCode() != 201) {
				throw refused(name, "install", answer);
			}
		}
		this.log.accept("eKuiper: " + answer.body().strip());
		HttpResponse<String> status = send(HttpRequest.newBuilder(uri(PLUGINS + "/" + name + "/status")).GET(),
				"read the status of");
		return switch (status.statusCode()) {
			case 200 -> status.body().strip();
			case 404 -> throw new DeploymentException(
					"eKuiper installed plugin '" + name + "' but has no process " + "for it: " + message(status));
			default -> throw unexpected(name, "read the status of", status);
		};
	}

	private URI uri(String path) {
		return URI.create(this.base + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String action) throws DeploymentException {
		HttpRequest built = request.timeout(this.timeout).header("Content-Type", "application/json").build();
		try {
			return this.client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpConnectTimeoutException | ConnectException ex) {
			throw unreachable(ex);
		}
		catch (HttpTimeoutException ex) {
			throw new DeploymentException("eKuiper at " + this.base + " did not answer the request to " + action
					+ " the plugin within " + this.timeout.toSeconds() + " s (ekuiper.timeout); it may still be "
					+ "running the plugin's install.sh", ex);
		}
		catch (IOException ex) {
			throw unreachable(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeploymentException("Interrupted while talking to eKuiper at " + this.base, ex);
		}
	}

	/**
	 * Says that eKuiper cannot be reached, without the cause: the client's exceptions
	 * carry no message of their own, which Maven would show as bare class names.
	 */
	private DeploymentException unreachable(IOException ex) {
		String reason = (ex.getMessage() != null) ? ex.getMessage()
				: (ex instanceof ConnectException) ? "connection refused" : ex.getClass().getSimpleName();
		return new DeploymentException("eKuiper is not reachable at " + this.base + " (" + reason + "). Is it "
				+ "running, with its REST API (port 9081 by default) open to this machine? Set ekuiper.url to its "
				+ "address.");
	}

	private DeploymentException refused(String name, String action, HttpResponse<String> answer) {
		String message = message(answer);
		String lower = message.toLowerCase(Locale.ROOT);
		if (answer.statusCode() == 400 && (lower.endsWith(": duplicate") || lower.contains("already exists"))) {
			return new DeploymentException("eKuiper already has a portable plugin named '" + name + "' (a name "
					+ "conflict, perhaps installed meanwhile): \"" + message + "\". Run the goal again to update it, "
					+ "or delete it first with DELETE " + this.base + PLUGINS + "/" + name + ".");
		}
		return new DeploymentException("eKuiper refused to " + action + " plugin '" + name + "' (HTTP "
				+ answer.statusCode() + "): \"" + message + "\"" + hint(lower));
	}

	private DeploymentException unexpected(String name, String action, HttpResponse<String> answer) {
		return new DeploymentException("eKuiper at " + this.base + " answered the request to " + action + " plugin '"
				+ name + "' with HTTP " + answer.statusCode() + ": \"" + message(answer) + "\"");
	}

	private static String hint(String message) {
		if (message.contains("file access denied")) {
			return ". eKuiper reads file:// URLs only under its data/uploads folder unless "
					+ "basic.allowExternalFileAccess is true in its kuiper.yaml; set it, or serve the zip with "
					+ "ekuiper.serve.";
		}
		if (message.contains("in internal network")) {
			return ". eKuiper 2.4 downloads from private addresses only with basic.enablePrivateNet: true in its "
					+ "kuiper.yaml; set it, or give ekuiper.fileUrl on a public address.";
		}
		if (message.contains("no such file or directory")) {
			return ". eKuiper cannot see the build's file: when it runs on another machine or in a container, "
					+ "serve the zip with ekuiper.serve or give ekuiper.fileUrl.";
		}
		return "";
	}

	/**
	 * Takes the message out of eKuiper's {@code {"error":…,"message":…}}, else the body.
	 */
	private static String message(HttpResponse<String> answer) {
		String body = answer.body().strip();
		try {
			JsonNode error = JsonFiles.mapper().readTree(body);
			if (error != null && error.path("message").isString()) {
				return error.path("message").asString();
			}
		}
		catch (JacksonException ex) {
			// Not eKuiper's error shape: quote the body as it is.
		}
		return body;
	}

}
