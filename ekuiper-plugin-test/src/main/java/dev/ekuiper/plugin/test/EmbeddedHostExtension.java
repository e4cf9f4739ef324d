package dev.ekuiper.plugin.test;

import java.lang.reflect.Method;
import java.nio.file.Path;
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
 * registered in), resolves {@link EmbeddedHost} parameters, awaits the plugin's
 * handshake when a test first needs the host, and closes the host after the class. The
 * socket directory of each plugin name lives for the whole run and is deleted at its end.
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
		Path directory = socketDirectory(context.getRoot(), annotation.value());
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(HostedPlugin.class, (key) -> HostedPlugin.start(annotation.value(), directory,
					Duration.ofSeconds(annotation.handshakeTimeoutSeconds())), HostedPlugin.class);
	}

	private static Path socketDirectory(ExtensionContext root, String pluginName) {
		return root.getStore(NAMESPACE)
			.computeIfAbsent("socket-directory-" + pluginName, (key) -> new TemporaryDirectory(),
					TemporaryDirectory.class)
			.path();
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
				"Annotate the test class with @EkuiperPluginTest(\"<plugin name>\") to use an embedded eKuiper host");
	}

	/** A socket directory for the whole run, deleted when the run ends. */
	private static final class TemporaryDirectory implements AutoCloseable {

		private final Path path = SocketDirectories.create("ekuiper-test-");

		Path path() {
			return this.path;
		}

		@Override
		public void close() {
			SocketDirectories.delete(this.path);
		}

	}

}
