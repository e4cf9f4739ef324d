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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.ekuiper.plugin.api.PluginDefinition;
import dev.ekuiper.plugin.binding.ConfigBinder;
import dev.ekuiper.plugin.descriptor.PluginDescriptor;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Describe mode, used by the build: with {@code ekuiper.plugin.describe-to} set, the
 * application writes its plugin descriptor once its beans exist and never connects to
 * eKuiper, so the packaging is generated from the real symbol beans.
 */
final class PluginDescriptorWriter implements SmartInitializingSingleton {

	private final PluginDefinition definition;

	private final ConfigBinder configBinder;

	private final Path target;

	PluginDescriptorWriter(PluginDefinition definition, ConfigBinder configBinder, Path target) {
		this.definition = definition;
		this.configBinder = configBinder;
		this.target = target;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			PluginDescriptor.describe(this.definition, this.configBinder).write(this.target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the plugin descriptor to " + this.target, ex);
		}
	}

}
