package dev.ekuiper.plugin.autoconfigure.launch;

import java.util.List;

import dev.ekuiper.plugin.api.Function;
import dev.ekuiper.plugin.api.FunctionContext;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A plugin application run in a child JVM by {@link LaunchedPluginTests}, as eKuiper or a
 * developer would run it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LaunchedPluginApplication {

	/**
	 * Runs the application.
	 * @param args eKuiper's JSON argument, if any, and Boot's options
	 */
	public static void main(String[] args) {
		SpringApplication.run(LaunchedPluginApplication.class, args);
	}

	@Bean
	Function echo() {
		return (List<Object> args, FunctionContext context) -> args.get(0);
	}

}
