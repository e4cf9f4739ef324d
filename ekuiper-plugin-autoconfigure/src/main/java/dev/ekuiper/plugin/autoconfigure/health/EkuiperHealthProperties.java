/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
