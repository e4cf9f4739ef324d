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
package dev.ekuiper.plugin.demo.sam;

import java.time.Duration;
import java.util.Map;

import dev.ekuiper.plugin.api.Source;
import dev.ekuiper.plugin.api.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pyjson} source of {@code pysam/pyjson.py}: the same record every 200 ms
 * until the rule stops. The configuration stays a raw map, as in Python.
 */
public class PyJsonSource implements Source<Map<String, Object>> {

	private static final Logger logger = LoggerFactory.getLogger(PyJsonSource.class);

	private static final Duration PERIOD = Duration.ofMillis(200);

	private final Map<String, Object> data = Map.of("name", "pyjson", "value", 2021);

	@Override
	public void configure(Map<String, Object> config) {
		// eKuiper passes the stream's DATASOURCE as config.datasource.
		logger.info("configuring with datasource {} and conf {}", config.get("datasource"), config);
	}

	@Override
	public void open(SourceContext context) throws InterruptedException {
		context.logger().info("opening");
		while (context.isRunning()) {
			context.emit(this.data);
			context.awaitStop(PERIOD);
		}
		context.logger().info("closed");
	}

	@Override
	public void close(SourceContext context) {
		context.logger().info("closing");
	}

}
