package ${package};

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Configuration of the {@code counter} source, bound from the stream's properties
 * ({@code CREATE STREAM ... WITH (TYPE="counter", CONF_KEY="...")} and the source's yaml).
 * Missing properties take the defaults set here, which the build also writes to
 * {@code sources/counter.yaml}.
 *
 * @param period milliseconds between two records (not {@code interval}, which eKuiper
 * reads itself for every source)
 * @param start the first count
 * @param step what each record adds to the count
 */
public record CounterConfig(
		@JsonPropertyDescription("Milliseconds between two records") Integer period,
		@JsonPropertyDescription("The first count") Long start,
		@JsonPropertyDescription("What each record adds to the count") Long step) {

	/**
	 * Applies the defaults to missing properties and checks the values.
	 * @throws IllegalArgumentException naming the property at fault
	 */
	public CounterConfig {
		period = (period != null) ? period : 1000;
		start = (start != null) ? start : 0L;
		step = (step != null) ? step : 1L;
		if (period <= 0) {
			throw new IllegalArgumentException("period must be positive, got " + period);
		}
	}

}
