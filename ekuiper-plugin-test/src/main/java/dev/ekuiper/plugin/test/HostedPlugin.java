package dev.ekuiper.plugin.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded host of one test class and the system properties that point a plugin
 * runtime at it; closing it closes the host and restores the properties.
 */
final class HostedPlugin implements AutoCloseable {

	static final String SOCKET_DIRECTORY_PROPERTY = "ekuiper.plugin.socket-directory";

	static final String EXIT_ON_HOST_LOSS_PROPERTY = "ekuiper.plugin.exit-on-host-loss";

	static final String HOST_LOSS_TIMEOUT_PROPERTY = "ekuiper.plugin.host-loss-timeout";

	private final EmbeddedHost host;

	private final Duration handshakeTimeout;

	private final Map<String, String> previousProperties = new LinkedHashMap<>();

	private boolean handshakeReceived;

	private boolean handshakeRequested;

	private HostedPlugin(EmbeddedHost host, Duration handshakeTimeout) {
		this.host = host;
		this.handshakeTimeout = handshakeTimeout;
	}

	/**
	 * Starts a host listening in a socket directory and sets the system properties.
	 */
	static HostedPlugin start(String pluginName, Path socketDirectory, Duration handshakeTimeout) {
		EmbeddedHost host = EmbeddedHost.builder(pluginName).socketDirectory(socketDirectory).build();
		HostedPlugin hosted = new HostedPlugin(host, handshakeTimeout);
		hosted.setProperty(SOCKET_DIRECTORY_PROPERTY, socketDirectory.toString());
		hosted.setProperty(EXIT_ON_HOST_LOSS_PROPERTY, "false");
		// A cached context outlives this class's host; it must wait for the next one.
		hosted.setProperty(HOST_LOSS_TIMEOUT_PROPERTY, "1h");
		return hosted;
	}

	EmbeddedHost host() {
		return this.host;
	}

	/** Waits for the handshake unless it has arrived already. */
	synchronized void awaitHandshake() {
		if (!this.handshakeReceived) {
			this.host.awaitHandshake(this.handshakeTimeout);
			this.handshakeReceived = true;
		}
	}

	/** Notes that the handshake is to be awaited before the next test. */
	synchronized void requestHandshake() {
		this.handshakeRequested = true;
	}

	synchronized boolean isHandshakeRequested() {
		return this.handshakeRequested;
	}

	@Override
	public void close() {
		try {
			this.host.close();
		}
		finally {
			this.previousProperties.forEach((name, value) -> {
				if (value != null) {
					System.setProperty(name, value);
				}
				else {
					System.clearProperty(name);
				}
			});
		}
	}

	private void setProperty(String name, String value) {
		this.previousProperties.put(name, System.setProperty(name, value));
	}

}
