package dev.ekuiper.plugin.autoconfigure.launch;

import java.nio.file.Path;

import dev.ekuiper.plugin.runtime.PluginRuntime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test start.spring.io generates, in an application using the starter: it passes,
 * whatever the host-loss timeout, since the process was not launched by eKuiper.
 */
@SpringBootTest(properties = "ekuiper.plugin.host-loss-timeout=100ms")
class LaunchedPluginApplicationTests {

	@Autowired
	private PluginRuntime runtime;

	@Autowired
	private Environment environment;

	@Test
	void contextLoads() {
		assertThat(this.runtime.definition().name()).isEqualTo("launched");
	}

	@Test
	void runtimeNeverDialsTheSocketDirectoryOfARealEkuiper() {
		Path directory = Path.of(this.environment.getRequiredProperty("ekuiper.plugin.socket-directory"));
		assertThat(directory).isNotEqualTo(Path.of("/tmp"));
		assertThat(directory).doesNotExist();
	}

}
