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
package dev.ekuiper.plugin.demo.sensor;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Configuration of the {@code batchfile} sink, bound from the rule action's properties.
 *
 * @param path the file to append to, relative to the plugin's folder unless absolute
 * @param batchRows how many rows make a batch that is written at once
 * @param linger how long a row may wait for its batch to fill; keep it below the plugin's
 * function timeout (4 s), within which every acked message must be answered
 */
public record BatchFileSinkConfig(
		@JsonPropertyDescription("File to append the rows to, one JSON object per line") String path,
		@JsonPropertyDescription("Rows written together") Integer batchRows,
		@JsonPropertyDescription("Longest wait for a batch to fill, e.g. PT1S") Duration linger) {

	/**
	 * Applies the defaults to missing properties.
	 */
	public BatchFileSinkConfig {
		path = (path != null && !path.isBlank()) ? path : "demo-batches.jsonl";
		batchRows = (batchRows != null && batchRows > 0) ? batchRows : 100;
		linger = (linger != null && !linger.isNegative() && !linger.isZero()) ? linger : Duration.ofSeconds(1);
	}

}
