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
