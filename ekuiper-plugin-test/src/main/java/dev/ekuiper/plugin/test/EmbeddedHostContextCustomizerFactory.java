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
