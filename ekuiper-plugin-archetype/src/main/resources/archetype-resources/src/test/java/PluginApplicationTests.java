package ${package};

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application context starts, as it does when eKuiper runs the plugin.
 */
@SpringBootTest
class PluginApplicationTests {

	@Test
	void contextLoads() {
	}

}
