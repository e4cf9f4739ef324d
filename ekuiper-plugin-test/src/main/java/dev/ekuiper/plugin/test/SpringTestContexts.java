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

import java.util.Arrays;

import dev.ekuiper.plugin.api.PluginDefinition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The plugin of a test class's Spring test context. Only touched once
 * {@link #isSpringTest} has seen {@code SpringExtension} on the class, so the test kit
 * works without Spring on the class path.
 */
final class SpringTestContexts {

	private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

	private SpringTestContexts() {
	}

	/**
	 * Returns whether {@code SpringExtension} runs the class, as it does for
	 * {@code @SpringBootTest} and {@code @SpringJUnitConfig}.
	 * @param testClass the test class
	 * @return {@code true} if it has a Spring test context
	 */
	static boolean isSpringTest(Class<?> testClass) {
		return AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class)
			.stream()
			.flatMap((extendWith) -> Arrays.stream(extendWith.value()))
			.anyMatch((extension) -> extension.getName().equals(SPRING_EXTENSION));
	}

	/**
	 * Loads the class's Spring test context, or takes it from the cache, and returns the
	 * name of the plugin it serves.
	 * @param context the class's extension context
	 * @return the plugin name, or {@code null} if the context defines no plugin
	 */
	static String pluginName(ExtensionContext context) {
		ApplicationContext applicationContext = SpringExtension.getApplicationContext(context);
		PluginDefinition definition = applicationContext.getBeanProvider(PluginDefinition.class).getIfAvailable();
		return (definition != null) ? definition.name() : null;
	}

}
