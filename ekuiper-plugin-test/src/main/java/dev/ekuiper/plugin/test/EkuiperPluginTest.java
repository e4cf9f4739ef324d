package dev.ekuiper.plugin.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against an {@link EmbeddedHost}: before anything in the class runs
 * (so before a Spring test context starts), the host listens in a private temporary
 * socket directory and the system properties {@code ekuiper.plugin.socket-directory},
 * {@code ekuiper.plugin.exit-on-host-loss=false} and
 * {@code ekuiper.plugin.host-loss-timeout=1h} point the plugin runtime at it. A test
 * takes the host as a parameter, once the plugin's handshake has arrived:
 *
 * <pre class="code">
 * &#064;EkuiperPluginTest("demo")
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
 * <p>One host serves each test class (and its nested classes) and is closed after it. The
 * socket directory stays the same for a plugin name during the whole run, so a cached
 * Spring context reconnects to the next class's host. Closing the host sends no stop, so
 * close the sources and sinks a test starts (they are {@link AutoCloseable}), and the
 * functions too before starting one again. Properties set on the test itself (for example
 * {@code @SpringBootTest(properties = "ekuiper.plugin.host-loss-timeout=500ms")}) take
 * precedence over these system properties. As the properties are global, classes using
 * this annotation must not run in parallel, and two contexts for the same plugin must not
 * run side by side (Spring pauses a cached context when another one is used, by default).
 *
 * <p>The host can also be a constructor parameter, or a parameter of a lifecycle method;
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
	 * The plugin name, as configured in the plugin ({@code ekuiper.plugin.name}); it names
	 * the control socket.
	 * @return the plugin name
	 */
	String value();

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
