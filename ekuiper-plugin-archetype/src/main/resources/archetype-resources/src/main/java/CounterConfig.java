package ${package};

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the {@code counter} source, bound from the stream's properties
 * ({@code CREATE STREAM ... WITH (TYPE="counter", CONF_KEY="...")} and the source's yaml)
 * with Spring Boot's rules: {@code "500ms"} or {@code 500} is a Duration, {@code poll-period}
 * would match {@code pollPeriod}, and a bad value fails the rule naming the property.
 * Missing properties take the {@code @DefaultValue}s, which the build also writes to
 * {@code sources/counter.yaml}.
 *
 * @param period the time between two records (not {@code interval}, which eKuiper reads
 * itself for every source)
 * @param start the first count
 * @param step what each record adds to the count
 */
public record CounterConfig(
		@JsonPropertyDescription("Time between two records, such as 500ms or 2s") @DefaultValue("1s") Duration period,
		@JsonPropertyDescription("The first count") @DefaultValue("0") long start,
		@JsonPropertyDescription("What each record adds to the count") @DefaultValue("1") long step) {

	/**
	 * Checks the values.
	 * @throws IllegalArgumentException naming the property at fault
	 */
	public CounterConfig {
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("period must be positive, got " + period);
		}
	}

}
