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
package dev.ekuiper.plugin.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of an eKuiper plugin served by a Spring Boot application.
 *
 * @param name Plugin name as installed in eKuiper; defaults to 'spring.application.name'
 * @param socketDirectory Directory holding eKuiper's plugin sockets
 * @param sendTimeout How long a source emit or a sink ack may wait for eKuiper to read;
 * eKuiper's process argument overrides it
 * @param keepAlive Idle time after which the function channels re-send their handshake;
 * the control channel re-handshakes only when its connection comes back
 * @param hostLossTimeout How long the control connection may stay down before the plugin
 * decides eKuiper is gone
 * @param setupTimeout How long a symbol's configure and open may take before its start is
 * refused
 * @param functionTimeout How long a function call, or a collect whose ack eKuiper waits
 * for (or a deferred ack), may take before it is answered with an error and later calls
 * are served again; below eKuiper's {@code portable.recvTimeout} (5s) so that the rule
 * sees the plugin's error
 * @param stopTimeout How long a stop waits for a symbol to finish and close
 * @param maxReceiveSize Largest message accepted from eKuiper; a larger one is answered
 * with an error
 * @param watchParent Whether the death of the parent process (eKuiper) means the host is
 * lost
 * @param exitOnHostLoss Whether to close the application and exit when eKuiper is lost;
 * unset, only when eKuiper launched the process (its JSON process argument is present),
 * never in a test
 * @param handleSignals Whether SIGTERM and SIGINT close the application gracefully and
 * exit with code 0; unset, only when eKuiper launched the process
 */
@ConfigurationProperties("ekuiper.plugin")
public record EkuiperPluginProperties(String name, @DefaultValue("/tmp") Path socketDirectory,
		@DefaultValue("1s") Duration sendTimeout, @DefaultValue("5s") Duration keepAlive,
		@DefaultValue("10s") Duration hostLossTimeout, @DefaultValue("10s") Duration setupTimeout,
		@DefaultValue("4s") Duration functionTimeout, @DefaultValue("5s") Duration stopTimeout,
		@DefaultValue("16MB") DataSize maxReceiveSize, @DefaultValue("true") boolean watchParent,
		Boolean exitOnHostLoss, Boolean handleSignals) {

	/**
	 * Returns whether to exit when eKuiper is lost.
	 * @param launchedByHost whether eKuiper launched the process
	 * @return the property, or whether eKuiper launched the process when it is unset
	 */
	public boolean exitOnHostLoss(boolean launchedByHost) {
		return (this.exitOnHostLoss != null) ? this.exitOnHostLoss : launchedByHost;
	}

	/**
	 * Returns whether SIGTERM and SIGINT close the application and exit.
	 * @param launchedByHost whether eKuiper launched the process
	 * @return the property, or whether eKuiper launched the process when it is unset
	 */
	public boolean handleSignals(boolean launchedByHost) {
		return (this.handleSignals != null) ? this.handleSignals : launchedByHost;
	}

}
