package ${package};

import java.time.Duration;
import java.util.Map;

import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;

/**
 * The {@code counter} source: emits {@code {"count": n}} every {@code period},
 * counting from {@code start} by {@code step}. The runtime calls
 * {@link #open} on a thread of its own and stops it when the rule stops.
 */
public class CounterSource implements Source<CounterConfig> {

	private CounterConfig config;

	@Override
	public void configure(CounterConfig config) {
		this.config = config;
	}

	@Override
	public void open(SourceContext context) throws InterruptedException {
		Duration period = this.config.period();
		long count = this.config.start();
		context.logger().info("Counting from {} every {} for rule {}", count, period, context.ruleId());
		while (context.isRunning()) {
			context.emit(Map.of("count", count));
			count += this.config.step();
			context.awaitStop(period);
		}
	}

}
