package dev.ekuiper.plugin.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.ekuiper.plugin.descriptor.PluginDescriptor;
import dev.ekuiper.plugin.runtime.PluginDefinition;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Describe mode, used by the build: with {@code ekuiper.plugin.describe-to} set, the
 * application writes its plugin descriptor once its beans exist and never connects to
 * eKuiper, so the packaging is generated from the real symbol beans.
 */
final class PluginDescriptorWriter implements SmartInitializingSingleton {

	private final PluginDefinition definition;

	private final Path target;

	PluginDescriptorWriter(PluginDefinition definition, Path target) {
		this.definition = definition;
		this.target = target;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			PluginDescriptor.describe(this.definition).write(this.target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the plugin descriptor to " + this.target, ex);
		}
	}

}
