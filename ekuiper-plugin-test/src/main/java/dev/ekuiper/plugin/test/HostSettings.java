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
