package dev.ekuiper.plugin.test;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of an embedded host and the socket addresses that follow from them.
 */
record HostSettings(String pluginName, Path socketDirectory, Duration initTimeout, Duration commandTimeout,
		Duration functionSendTimeout, Duration functionReceiveTimeout, Duration sourceReceiveTimeout,
		Duration sinkSendTimeout, Duration ackPollInterval, boolean replayOnHandshake) {

	String controlUrl() {
		return url("plugin_" + this.pluginName);
	}

	String functionUrl(String symbol) {
		return url("func_" + symbol);
	}

	String dataUrl(Meta meta) {
		return url(meta.socketName());
	}

	String ackUrl(Meta meta) {
		return url(meta.socketName() + "_ack");
	}

	private String url(String name) {
		return "ipc://" + this.socketDirectory.toAbsolutePath().resolve(name + ".ipc");
	}

}
