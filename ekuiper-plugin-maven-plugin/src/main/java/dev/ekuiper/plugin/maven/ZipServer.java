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
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves one plugin zip over HTTP for as long as an install takes, so that an eKuiper on
 * another machine can download it: {@code GET /<plugin>.zip} answers the file, anything
 * else 404.
 */
final class ZipServer implements AutoCloseable {

	private final HttpServer server;

	private final URI url;

	private ZipServer(HttpServer server, URI url) {
		this.server = server;
		this.url = url;
	}

	/**
	 * Starts serving a zip.
	 * @param address {@code host} or {@code host:port} on which eKuiper reaches this
	 * machine; port 0 or none picks a free one
	 * @param zip the file
	 * @param log receives a line per download
	 * @return the running server
	 * @throws DeploymentException if the address is invalid or cannot be bound
	 */
	static ZipServer start(String address, Path zip, Consumer<String> log) throws DeploymentException {
		URI parsed;
		try {
			parsed = URI.create("http://" + address.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new DeploymentException("Cannot serve the zip on '" + address + "': not a host[:port]", ex);
		}
		String host = parsed.getHost();
		if (host == null || parsed.getPath() == null || !parsed.getPath().isEmpty()) {
			throw new DeploymentException("Cannot serve the zip on '" + address + "': not a host[:port]");
		}
		if (host.equals("0.0.0.0") || host.equals("[::]")) {
			throw new DeploymentException("Cannot serve the zip on '" + address + "': name the address eKuiper "
					+ "reaches this machine on, it goes into the download URL");
		}
		String path = "/" + zip.getFileName();
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(host, Math.max(parsed.getPort(), 0)), 0);
		}
		catch (IOException ex) {
			throw new DeploymentException("Cannot serve the zip on " + address + ": " + ex.getMessage(), ex);
		}
		server.createContext("/", (exchange) -> answer(exchange, path, zip, log));
		server.start();
		URI url = URI.create("http://" + parsed.getRawAuthority().replaceFirst(":\\d+$", "") + ":"
				+ server.getAddress().getPort() + path);
		return new ZipServer(server, url);
	}

	/**
	 * Returns the URL the zip is served at.
	 * @return the URL
	 */
	URI url() {
		return this.url;
	}

	/** Stops serving. */
	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void answer(HttpExchange exchange, String path, Path zip, Consumer<String> log) throws IOException {
		try (exchange) {
			if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(path)) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			log.accept("Serving " + zip.getFileName() + " to " + exchange.getRemoteAddress());
			exchange.getResponseHeaders().set("Content-Type", "application/zip");
			exchange.sendResponseHeaders(200, Files.size(zip));
			try (OutputStream body = exchange.getResponseBody()) {
				Files.copy(zip, body);
			}
		}
	}

}
