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

import dev.ekuiper.plugin.nng.wire.HeaderShape;

/**
 * What every pipe of one socket shares.
 *
 * @param loop the socket's event loop
 * @param events the protocol socket to notify
 * @param protocol the socket's SP protocol number
 * @param peerProtocol the only SP protocol number accepted from a peer
 * @param receivedHeader the header shape of received frames
 * @param options connection settings
 */
public record PipeContext(EventLoop loop, PipeEvents events, int protocol, int peerProtocol, HeaderShape receivedHeader,
		TransportOptions options) {
}
