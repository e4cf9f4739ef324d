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
