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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for eKuiper 2.4's portable plugin REST API, answering as
 * {@code internal/server/portable_init.go} at tag v2.4.0 does:
 *
 * <pre class="code">
 * r.HandleFunc("/plugins/portables", portablesHandler).Methods(http.MethodGet, http.MethodPost)
 * r.HandleFunc("/plugins/portables/{name}", portableHandler).Methods(http.MethodGet, http.MethodDelete, http.MethodPut)
 * r.HandleFunc("/plugins/portables/{name}/status", portableStatusHandler).Methods(http.MethodGet)
 * </pre>
 *
 * <ul>
 * <li>{@code POST /plugins/portables}:
 * {@code handleError(w, err, "Invalid body: Error decoding the portable plugin
 * json", logger)} for a bad body; {@code portableManager.Register(sd)}, whose error is
 * answered with
 * {@code handleError(w, err, "portable plugin create command error", logger)}; then
 * {@code w.WriteHeader(http.StatusCreated)} and
 * {@code fmt.Fprintf(w, "portable plugin %s is created", sd.GetName())}.</li>
 * <li>{@code PUT /plugins/portables/{name}}: {@code portableManager.Delete(name)}, whose
 * error is only logged, then {@code Register(sd)}
 * ({@code "portable plugin update command error"}), then 200 and
 * {@code "portable plugin %s is updated"}.</li>
 * <li>{@code GET /plugins/portables/{name}}: {@code jsonResponse(j, w, logger)} with the
 * {@code PluginInfo}, or
 * {@code handleError(w, errorx.NewWithCode(errorx.NOT_FOUND, "not found"), fmt.Sprintf("describe portable plugin %s
 * error", name), logger)}.</li>
 * <li>{@code GET /plugins/portables/{name}/status}:
 * {@code jsonResponse(status, w, logger)} with
 * {@code PluginStatus{RefCount map[string]int `json:"refCount"`; Status string `json:"status"`; ErrMsg string
 * `json:"errMsg"`}}, or
 * {@code handleError(..., fmt.Sprintf("portable plugin %s not found", name), logger)}.</li>
 * </ul>
 *
 * <p>
 * {@code handleError} in {@code internal/server/rest.go} answers 404 for an
 * {@code errorx.NOT_FOUND} error and 400 otherwise, through Go's {@code http.Error}
 * (text/plain, a trailing newline) with the body
 * {@code fmt.Sprintf(`{"error":%v,"message":%q}`, errCode, msg)}, where the code is 1002
 * for not found and 1000 ({@code Undefined_Err}) for the plain errors of the manager.
 * {@code Manager.Register} in {@code internal/plugin/portable/manager.go} refuses
 * {@code "invalid name %s: should not be empty"}, {@code "invalid uri %s"} (not a valid
 * URL ending with {@code .zip}), {@code "invalid name %s: duplicate"},
 * {@code "fail to download file %s: %s"} and {@code "fail to install plugin: %s"}, for
 * instance {@code "missing or invalid json file %s, found %d files in total"}.
 * {@code httpx.ReadFile} refuses a {@code file://} path outside {@code data/uploads}
 * unless {@code allowExternalFileAccess} with
 * {@code "file access denied: path must be under %s"}. The REST docs
 * ({@code docs/en_US/api/restapi/plugins.md}) describe the request as
 * {@code {"name":"random", "file":"file:///var/plugins/sources/random.zip"}}, with
 * {@code http}, {@code https} or {@code file} URLs.
 */
final class StandInEkuiper implements AutoCloseable {

	private static final String PLUGINS = "/plugins/portables";

	/** A {@code PluginStatus} of a running plugin used by no rule. */
	private static final String RUNNING = "{\"refCount\":{},\"status\":\"running\",\"errMsg\":\"\"}";

	private final HttpServer server;

	private final Map<String, JsonNode> installed = new ConcurrentHashMap<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<byte[]> downloads = new CopyOnWriteArrayList<>();

	private final HttpClient client = HttpClient.newHttpClient();

	private volatile Path uploads;

	private volatile String installedMeanwhile;

	private volatile String installScriptFailure;

	StandInEkuiper() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Returns the REST address, {@code http://127.0.0.1:<port>}. */
	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Installs a plugin as if by an earlier request. */
	void install(String name) {
		this.installed.put(name, info(name));
	}

	/** Lets another client install the plugin between a look-up and the install. */
	void installMeanwhile(String name) {
		this.installedMeanwhile = name;
	}

	/**
	 * Reads {@code file://} URLs only under this folder, as without
	 * allowExternalFileAccess.
	 */
	void restrictFilesTo(Path uploads) {
		this.uploads = uploads;
	}

	/** Makes the plugin's install.sh fail with this stderr. */
	void failInstallScript(String stderr) {
		this.installScriptFailure = stderr;
	}

	/** Returns {@code METHOD path body} of each request received. */
	List<String> requests() {
		return this.requests;
	}

	/** Returns the zips downloaded, in order. */
	List<byte[]> downloads() {
		return this.downloads;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
			if (path.equals(PLUGINS)) {
				switch (method) {
					case "GET" -> json(exchange, 200, JsonFiles.mapper().valueToTree(this.installed.values()));
					case "POST" -> create(exchange, body);
					default -> text(exchange, 405, "");
				}
				return;
			}
			if (path.startsWith(PLUGINS + "/") && path.endsWith("/status")) {
				String name = path.substring(PLUGINS.length() + 1, path.length() - "/status".length());
				if (!method.equals("GET")) {
					text(exchange, 405, "");
				}
				else if (this.installed.containsKey(name)) {
					json(exchange, 200, JsonFiles.mapper().readTree(RUNNING));
				}
				else {
					error(exchange, 404, 1002, "portable plugin " + name + " not found: not found");
				}
				return;
			}
			if (path.startsWith(PLUGINS + "/") && path.indexOf('/', PLUGINS.length() + 1) < 0) {
				String name = path.substring(PLUGINS.length() + 1);
				switch (method) {
					case "GET" -> {
						JsonNode info = this.installed.get(name);
						if (info != null) {
							json(exchange, 200, info);
						}
						else {
							error(exchange, 404, 1002, "describe portable plugin " + name + " error: not found");
						}
					}
					case "PUT" -> update(exchange, name, body);
					case "DELETE" -> {
						this.installed.remove(name);
						text(exchange, 200, "portable plugin " + name + " is deleted");
					}
					default -> text(exchange, 405, "");
				}
				return;
			}
			// gorilla/mux's NotFoundHandler is Go's http.NotFound.
			text(exchange, 404, "404 page not found\n");
		}
	}

	private void create(HttpExchange exchange, String body) throws IOException {
		JsonNode request = decode(exchange, body);
		if (request == null) {
			return;
		}
		String name = this.installedMeanwhile;
		if (name != null) {
			install(name);
		}
		String failure = register(request);
		if (failure != null) {
			error(exchange, 400, 1000, "portable plugin create command error: " + failure);
			return;
		}
		text(exchange, 201, "portable plugin " + request.path("name").asString() + " is created");
	}

	private void update(HttpExchange exchange, String name, String body) throws IOException {
		JsonNode request = decode(exchange, body);
		if (request == null) {
			return;
		}
		// Delete's error ("portable plugin %s is not found") is only logged.
		this.installed.remove(name);
		String failure = register(request);
		if (failure != null) {
			error(exchange, 400, 1000, "portable plugin update command error: " + failure);
			return;
		}
		text(exchange, 200, "portable plugin " + request.path("name").asString() + " is updated");
	}

	private JsonNode decode(HttpExchange exchange, String body) throws IOException {
		try {
			JsonNode request = JsonFiles.mapper().readTree(body);
			if (request != null && request.isObject()) {
				return request;
			}
		}
		catch (JacksonException ex) {
			// answered below
		}
		error(exchange, 400, 1000, "Invalid body: Error decoding the portable plugin json: invalid character");
		return null;
	}

	/**
	 * {@code Manager.Register}: the checks, the download and the install, or the error
	 * text.
	 */
	private String register(JsonNode request) {
		String name = request.path("name").asString("").strip();
		String uri = request.path("file").asString("");
		if (name.isEmpty()) {
			return "invalid name " + name + ": should not be empty";
		}
		if (!(uri.startsWith("file:///") || uri.startsWith("http://") || uri.startsWith("https://"))
				|| !uri.endsWith(".zip")) {
			return "invalid uri " + uri;
		}
		if (this.installed.containsKey(name)) {
			return "invalid name " + name + ": duplicate";
		}
		byte[] zip;
		try {
			zip = download(uri);
		}
		catch (IOException ex) {
			return "fail to download file " + uri + ": " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "fail to download file " + uri + ": interrupted";
		}
		this.downloads.add(zip);
		int files = 0;
		boolean manifest = false;
		try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				files++;
				manifest |= entry.getName().equals(name + ".json");
			}
		}
		catch (IOException ex) {
			return "fail to install plugin: zip: not a valid zip file";
		}
		if (!manifest) {
			return "fail to install plugin: missing or invalid json file " + name + ".json, found " + files
					+ " files in total";
		}
		if (this.installScriptFailure != null) {
			return "fail to install plugin: err:exit status 1 stdout: stderr:" + this.installScriptFailure;
		}
		install(name);
		return null;
	}

	private byte[] download(String uri) throws IOException, InterruptedException {
		if (uri.startsWith("file:")) {
			Path file = Path.of(URI.create(uri));
			if (this.uploads != null && !file.startsWith(this.uploads)) {
				throw new IOException("file access denied: path must be under " + this.uploads);
			}
			if (!Files.isRegularFile(file)) {
				throw new IOException("stat " + file + ": no such file or directory");
			}
			return Files.readAllBytes(file);
		}
		HttpResponse<InputStream> answer = this.client.send(HttpRequest.newBuilder(URI.create(uri)).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = answer.body()) {
			if (answer.statusCode() != 200) {
				throw new IOException("cannot download the file with status: " + answer.statusCode());
			}
			return body.readAllBytes();
		}
	}

	private static ObjectNode info(String name) {
		ObjectNode info = JsonFiles.mapper().createObjectNode();
		info.put("name", name).put("version", "v1").put("language", "go").put("executable", "/plugins/" + name);
		return info;
	}

	private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		ObjectNode body = JsonFiles.mapper().createObjectNode().put("error", code).put("message", message);
		text(exchange, status, body.toString() + "\n");
	}

	private static void json(HttpExchange exchange, int status, JsonNode value) throws IOException {
		send(exchange, status, "application/json", value.toString());
	}

	private static void text(HttpExchange exchange, int status, String body) throws IOException {
		send(exchange, status, "text/plain; charset=utf-8", body);
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}
