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
package dev.ekuiper.plugin.runtime;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes SIGTERM and SIGINT a graceful stop that ends the process with exit code 0. Left
 * to the JVM, they run the shutdown hooks (which also stop gracefully) but exit with 128
 * plus the signal number, which a supervisor reads as a failure.
 *
 * <p>
 * The handler is installed through {@code sun.misc.Signal} from the
 * {@code jdk.unsupported} module, reached reflectively so that compiling against it needs
 * no internal API. Where it is missing, the JVM's default behaviour stays.
 */
public final class TerminationSignals {

	private static final Logger logger = LoggerFactory.getLogger(TerminationSignals.class);

	private static final String[] SIGNALS = { "TERM", "INT" };

	private TerminationSignals() {
	}

	/**
	 * Installs the handler.
	 * @param gracefulStop what to do before exiting; runs on the JVM's signal thread
	 * @return {@code true} if the handler is installed for every signal
	 */
	public static boolean exitGracefully(Runnable gracefulStop) {
		boolean installed = true;
		for (String name : SIGNALS) {
			installed &= install(name, () -> {
				logger.info("SIG{} received: stopping gracefully", name);
				try {
					gracefulStop.run();
				}
				finally {
					System.exit(0);
				}
			});
		}
		return installed;
	}

	private static boolean install(String name, Runnable action) {
		try {
			Class<?> signalType = Class.forName("sun.misc.Signal");
			Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
			Object signal = signalType.getConstructor(String.class).newInstance(name);
			Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] { handlerType },
					(proxy, method, args) -> invoke(proxy, method, args, action));
			signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			logger.debug("SIG{} cannot be handled ({}); the JVM's default applies", name, ex.toString());
			return false;
		}
	}

	private static Object invoke(Object proxy, Method method, Object[] args, Runnable action) {
		return switch (method.getName()) {
			case "handle" -> {
				action.run();
				yield null;
			}
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			default -> "TerminationSignals handler";
		};
	}

}
