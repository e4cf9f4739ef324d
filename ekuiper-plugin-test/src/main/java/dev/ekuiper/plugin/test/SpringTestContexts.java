package dev.ekuiper.plugin.test;

import java.util.Arrays;

import dev.ekuiper.plugin.runtime.PluginDefinition;
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
