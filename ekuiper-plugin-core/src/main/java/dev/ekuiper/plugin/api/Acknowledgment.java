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
package dev.ekuiper.plugin.api;

/**
 * The acknowledgment of one message, given later and from any thread: taken with
 * {@link SinkContext#deferAck()} during {@link Sink#collect}. The first answer counts;
 * later ones are ignored and logged. Answers are sent to eKuiper in the order the
 * messages arrived, whatever order they are given in, since eKuiper matches acks to
 * messages by order alone. A message not answered within the function timeout of its
 * arrival, or still unanswered when the sink has closed, is answered with an error by the
 * runtime. Without {@code requireAck} both methods do nothing.
 */
public interface Acknowledgment {

	/** Reports the message handled: eKuiper gets {@code {}}. */
	void ok();

	/**
	 * Reports the message failed: eKuiper gets {@code {"error":"<sink>: <message>"}},
	 * counts a sink exception and may resend the message.
	 * @param message what failed
	 */
	void error(String message);

}
