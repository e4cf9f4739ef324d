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
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the properties that point a plugin runtime at its test's socket directory and keep
 * it from ever ending the test JVM. They rank below the test's own properties
 * ({@code @SpringBootTest(properties = …)}, {@code @TestPropertySource},
 * {@code @DynamicPropertySource}) and above system properties and the application's
 * configuration files. Being a record, it takes part in the context cache key.
 *
 * @param socketDirectory the socket directory
 * @param hosted whether an embedded host listens there, which a cached context waits for
 * across test classes
 */
record EmbeddedHostContextCustomizer(Path socketDirectory, boolean hosted) implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "ekuiperPluginTest";

	static final String SOCKET_DIRECTORY_PROPERTY = "ekuiper.plugin.socket-directory";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(SOCKET_DIRECTORY_PROPERTY, this.socketDirectory.toString());
		properties.put("ekuiper.plugin.exit-on-host-loss", "false");
		properties.put("ekuiper.plugin.handle-signals", "false");
		if (this.hosted) {
			// A cached context outlives its class's host; it must wait for the next one.
			properties.put("ekuiper.plugin.host-loss-timeout", "1h");
		}
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
		if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addLast(source);
		}
	}

}
