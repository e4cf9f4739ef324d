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

import java.lang.reflect.Method;
import java.time.Duration;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link EkuiperPluginTest}. It starts the class's
 * {@link EmbeddedHost} at the earliest callback, before the test instance exists (so
 * before {@code SpringExtension} loads a test context, whatever the order the two are
 * registered in), resolves {@link EmbeddedHost} parameters, awaits the plugin's handshake
 * when a test first needs the host, and closes the host after the class. The host listens
 * in the socket directory leased to the class, which the Spring test context's properties
 * point at too ({@link EmbeddedHostContextCustomizerFactory}); directories are deleted
 * when the run ends. Nothing is global, so classes may run in parallel.
 */
public class EmbeddedHostExtension
		implements BeforeAllCallback, TestInstancePreConstructCallback, BeforeEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(EmbeddedHostExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		hostedPlugin(context);
	}

	@Override
	public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
		hostedPlugin(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		HostedPlugin hosted = hostedPlugin(context);
		if (hosted.isHandshakeRequested()) {
			hosted.awaitHandshake();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EmbeddedHost.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		HostedPlugin hosted = hostedPlugin(extensionContext);
		if (annotation(extensionContext).awaitHandshake()) {
			// Before the test instance exists, a Spring test context has not started the
			// plugin yet: wait before the next test instead.
			boolean pluginMayRun = parameterContext.getDeclaringExecutable() instanceof Method
					&& extensionContext.getTestInstance().isPresent();
			if (pluginMayRun) {
				hosted.awaitHandshake();
			}
			else {
				hosted.requestHandshake();
			}
		}
		return hosted.host();
	}

	private HostedPlugin hostedPlugin(ExtensionContext context) {
		ExtensionContext classContext = classContext(context);
		// The store is hierarchical: a nested class shares its enclosing class's host.
		HostedPlugin existing = classContext.getStore(NAMESPACE).get(HostedPlugin.class, HostedPlugin.class);
		if (existing != null) {
			return existing;
		}
		EkuiperPluginTest annotation = annotation(classContext);
		Class<?> owner = SocketDirectoryLeases.owner(classContext.getRequiredTestClass());
		context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(DirectoryCleanup.class, (key) -> new DirectoryCleanup(), DirectoryCleanup.class);
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(HostedPlugin.class, (key) -> start(annotation, owner, classContext), HostedPlugin.class);
	}

	/**
	 * Starts the host for the annotation's plugin name, or for the name of the plugin the
	 * class's Spring test context serves. A host named otherwise than that plugin would
	 * wait for a handshake that never comes: it fails at once, naming both.
	 */
	private static HostedPlugin start(EkuiperPluginTest annotation, Class<?> owner, ExtensionContext classContext) {
		Duration handshakeTimeout = Duration.ofSeconds(annotation.handshakeTimeoutSeconds());
		String named = annotation.value();
		boolean springTest = SpringTestContexts.isSpringTest(owner);
		if (named.isEmpty()) {
			String served;
			try {
				served = springTest ? SpringTestContexts.pluginName(classContext) : null;
				if (served == null) {
					throw new ExtensionConfigurationException(
							"@EkuiperPluginTest on " + owner.getName() + " names no plugin, and "
									+ (springTest ? "its Spring test context defines none"
											: "the class has no Spring test context to take it from")
									+ ": name it, @EkuiperPluginTest(\"<plugin name>\")");
				}
			}
			catch (RuntimeException ex) {
				// Loading the context leased a directory that no host will take over.
				SocketDirectoryLeases.release(owner);
				throw ex;
			}
			return HostedPlugin.start(owner, served, handshakeTimeout);
		}
		// Listening first lets the plugin connect at its first dial.
		HostedPlugin hosted = HostedPlugin.start(owner, named, handshakeTimeout);
		try {
			String served = springTest ? SpringTestContexts.pluginName(classContext) : null;
			if (served != null && !served.equals(named)) {
				throw new ExtensionConfigurationException("@EkuiperPluginTest(\"" + named + "\") on " + owner.getName()
						+ " names plugin '" + named + "', but the application's plugin is '" + served
						+ "' (ekuiper.plugin.name, or spring.application.name): the plugin dials plugin_" + served
						+ ".ipc, the host listens on plugin_" + named + ".ipc. Name it @EkuiperPluginTest(\"" + served
						+ "\"), or leave the name out to take the application's");
			}
			return hosted;
		}
		catch (RuntimeException ex) {
			hosted.close();
			throw ex;
		}
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

	private static EkuiperPluginTest annotation(ExtensionContext context) {
		for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
			if (current.getTestClass().isPresent()) {
				EkuiperPluginTest annotation = AnnotationSupport
					.findAnnotation(current.getTestClass().get(), EkuiperPluginTest.class)
					.orElse(null);
				if (annotation != null) {
					return annotation;
				}
			}
		}
		throw new ExtensionConfigurationException(
				"Annotate the test class with @EkuiperPluginTest to use an embedded eKuiper host");
	}

	/** Deletes the socket directories when the run ends. */
	private static final class DirectoryCleanup implements AutoCloseable {

		@Override
		public void close() {
			SocketDirectoryLeases.deleteReleased();
		}

	}

}
