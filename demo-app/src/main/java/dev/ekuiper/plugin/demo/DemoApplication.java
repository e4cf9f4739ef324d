package dev.ekuiper.plugin.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The demo plugin: eKuiper starts this application, and the starter serves its source,
 * sink and function beans to eKuiper under the plugin name {@code demo}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoApplication {

	/**
	 * Runs the plugin; eKuiper passes one JSON argument, {@code {"sendTimeout":1000}}.
	 * @param args the process arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
