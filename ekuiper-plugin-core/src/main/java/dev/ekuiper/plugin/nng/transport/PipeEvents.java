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
package dev.ekuiper.plugin.nng.transport;

import dev.ekuiper.plugin.nng.wire.FrameDecoder;

/**
 * What a protocol socket is told about its pipes. Every method runs on the loop thread.
 */
public interface PipeEvents {

	/**
	 * A pipe finished its SP handshake and can carry messages.
	 * @param pipe the new pipe
	 */
	void pipeAdded(Pipe pipe);

	/**
	 * A pipe closed; it carries nothing any more.
	 * @param pipe the closed pipe
	 */
	void pipeRemoved(Pipe pipe);

	/**
	 * A pipe that had unsent bytes left from a timed-out send has flushed them and can
	 * take a new message.
	 * @param pipe the pipe
	 */
	void pipeWritable(Pipe pipe);

	/**
	 * A frame arrived. Its words and body are valid during the call only, except the body
	 * array, which the receiver may keep.
	 * @param pipe the pipe it came on
	 * @param frame the decoder holding the complete frame
	 * @return {@code true} if the frame was taken or dropped; {@code false} to stop
	 * reading from this pipe until {@link Pipe#resume()} (the receive queue is full)
	 */
	boolean frameReceived(Pipe pipe, FrameDecoder frame);

}
