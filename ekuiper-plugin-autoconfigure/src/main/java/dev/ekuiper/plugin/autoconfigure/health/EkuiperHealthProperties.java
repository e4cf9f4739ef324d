package dev.ekuiper.plugin.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the {@code ekuiper} health indicator reports a running symbol as faulty.
 *
 * @param peerGoneAfter how long eKuiper's end of a data, ack or function channel may be
 * gone before the indicator goes DOWN
 * @param sourceIdleAfter how long a source may emit nothing before the indicator goes
 * DOWN; unset or zero for no limit, since many sources are quiet by nature
 */
@ConfigurationProperties("ekuiper.plugin.health")
public record EkuiperHealthProperties(@DefaultValue("30s") Duration peerGoneAfter, Duration sourceIdleAfter) {

	/**
	 * Returns the idle limit of sources.
	 * @return the limit, {@link Duration#ZERO} for none
	 */
	public Duration sourceIdleLimit() {
		return (this.sourceIdleAfter != null) ? this.sourceIdleAfter : Duration.ZERO;
	}

}
