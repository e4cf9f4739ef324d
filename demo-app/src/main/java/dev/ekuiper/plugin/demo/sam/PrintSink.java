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

import java.util.Map;

import dev.ekuiper.plugin.api.Sink;
import dev.ekuiper.plugin.api.SinkContext;
import dev.ekuiper.plugin.api.SinkMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code print} sink of {@code pysam/print.py}: logs what it receives. Its lines go
 * to eKuiper's log through the plugin's standard output.
 */
public class PrintSink implements Sink<Map<String, Object>> {

	private static final Logger logger = LoggerFactory.getLogger(PrintSink.class);

	@Override
	public void configure(Map<String, Object> config) {
		logger.info("configure print sink");
	}

	@Override
	public void open(SinkContext context) {
		context.logger().info("open print sink: rule {}, operator {}", context.ruleId(), context.opId());
	}

	@Override
	public void collect(SinkContext context, SinkMessage message) {
		context.logger().info("receive: {}", message.text());
	}

	@Override
	public void close(SinkContext context) {
		context.logger().info("closing print sink");
	}

}
