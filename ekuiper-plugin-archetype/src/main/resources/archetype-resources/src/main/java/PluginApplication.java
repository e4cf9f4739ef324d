package ${package};

import dev.ekuiper.plugin.api.Symbol;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

/**
 * The plugin. eKuiper starts this application, and the starter serves its source, sink
 * and function beans to eKuiper under the plugin name set in {@code application.yaml}.
 * Each bean name is the symbol name that streams, rules and SQL use.
 */
@SpringBootApplication
public class PluginApplication {

	/**
	 * Runs the plugin; eKuiper passes one JSON argument, {@code {"sendTimeout":1000}}.
	 * @param args the process arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(PluginApplication.class, args);
	}

	@Bean
	@Scope(BeanDefinition.SCOPE_PROTOTYPE) // sources and sinks: one instance per rule
	@Symbol(description = "Counts up at a fixed period")
	CounterSource counter() {
		return new CounterSource();
	}

	@Bean
	@Scope(BeanDefinition.SCOPE_PROTOTYPE)
	@Symbol(description = "Writes each row to a file as a line of JSON")
	JsonLinesSink jsonlines() {
		return new JsonLinesSink();
	}

	@Bean // functions: one instance for the process
	@Symbol(description = "Multiplies a number by a factor")
	ScaleFunction scale() {
		return new ScaleFunction();
	}

	@Bean
	@Symbol(description = "The largest minus the smallest value of a column over each group")
	SpreadFunction spread() {
		return new SpreadFunction();
	}

}
