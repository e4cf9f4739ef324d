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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against an {@link EmbeddedHost}: before anything in the class runs,
 * the host listens in a private socket directory leased to the class. The Spring test
 * context's properties point the plugin runtime at it
 * ({@code ekuiper.plugin.socket-directory},
 * {@code ekuiper.plugin.exit-on-host-loss=false},
 * {@code ekuiper.plugin.handle-signals=false},
 * {@code ekuiper.plugin.host-loss-timeout=1h}); no system property is set. A test takes
 * the host as a parameter, once the plugin's handshake has arrived:
 *
 * <pre class="code">
 * &#064;EkuiperPluginTest
 * &#064;SpringBootTest
 * class DemoPluginTests {
 *
 *     &#064;Test
 *     void revertsAString(EmbeddedHost host) {
 *         try (FunctionConnection revert = host.startFunction("revert")) {
 *             assertThat(revert.exec(List.of("abc"), "rule1", "op1").result()).isEqualTo("cba");
 *         }
 *     }
 *
 *     &#064;Test
 *     void emitsRecords(EmbeddedHost host) {
 *         try (SourceConnection source = host.startSource("pyjson", "rule1", "stream1", Map.of())) {
 *             assertThat(source.next(Duration.ofSeconds(5)).message()).containsEntry("name", "pyjson");
 *         }
 *     }
 *
 * }
 * </pre>
 *
 * <p>
 * The plugin name is the application's ({@code ekuiper.plugin.name}, or
 * {@code spring.application.name}), taken from the Spring test context; a name given here
 * that differs from it fails the class at once, naming both.
 *
 * <p>
 * One host serves each test class (and its nested classes) and is closed after it. The
 * socket directory is the class's own while it runs, so classes may run in parallel; a
 * class that starts after another has ended gets the directory the other released, so the
 * cached Spring context (the directory is part of its cache key) reconnects to the new
 * host. Closing the host sends no stop, so close the sources and sinks a test starts
 * (they are {@link AutoCloseable}), and the functions too before starting one again.
 * Properties set on the test itself (for example
 * {@code @SpringBootTest(properties = "ekuiper.plugin.host-loss-timeout=500ms")}) take
 * precedence. A Spring test class without this annotation gets a socket directory nobody
 * listens in, so it never reaches an eKuiper running on the machine.
 *
 * <p>
 * The host can also be a constructor parameter, or a parameter of a lifecycle method;
 * when the test instance does not exist yet, the handshake is awaited before each test
 * instead.
 *
 * @see EmbeddedHostExtension
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(EmbeddedHostExtension.class)
public @interface EkuiperPluginTest {

	/**
	 * The plugin name, as configured in the plugin ({@code ekuiper.plugin.name}); it
	 * names the control socket. Leave it out to take the name of the plugin the Spring
	 * test context serves; without a Spring test context it is required.
	 * @return the plugin name, or empty for the application's
	 */
	String value() default "";

	/**
	 * How long to wait for the plugin's handshake, in seconds.
	 * @return the timeout in seconds
	 */
	int handshakeTimeoutSeconds() default 30;

	/**
	 * Whether a test taking the host waits for the plugin's handshake first; turn it off
	 * when the test launches the plugin itself ({@link EmbeddedHost#launch}).
	 * @return {@code true} to wait
	 */
	boolean awaitHandshake() default true;

}
