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
import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Points the plugin runtime of every Spring test context at a private socket directory:
 * the one leased to its {@link EkuiperPluginTest} class, where that class's embedded host
 * listens, or, for any other test class, a directory nobody listens in, so that a test
 * never reaches an eKuiper running on the machine. The directory is part of the context
 * cache key. Registered in {@code META-INF/spring.factories}.
 */
final class EmbeddedHostContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		Class<?> owner = SocketDirectoryLeases.owner(testClass);
		Path directory = (owner != null) ? SocketDirectoryLeases.lease(owner) : SocketDirectoryLeases.unhosted();
		return new EmbeddedHostContextCustomizer(directory, owner != null);
	}

}
