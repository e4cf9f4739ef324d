package dev.ekuiper.plugin.nng;

import dev.ekuiper.plugin.nng.transport.Pipe;
import dev.ekuiper.plugin.nng.wire.FrameDecoder;

/**
 * PUSH0: hands each message to one connected PULL peer, in turn among the peers ready to
 * take one. With no peer ready, a send waits up to the send timeout.
 */
public final class PushSocket extends NngSocket {

	private static final int[] NO_WORDS = new int[0];

	/** Opens a PUSH0 socket with no connections. */
	public PushSocket() {
		super(Protocol.PUSH0);
	}

	/**
	 * Sends a message to one peer. The array must not be changed until this returns.
	 * @param body the message
	 * @throws NngTimeoutException if no peer could take it within the send timeout
	 * @throws NngClosedException if the socket is closed
	 * @throws NngException if interrupted
	 */
	public void send(byte[] body) throws NngException {
		sendToAnyPipe(NO_WORDS, 0, body);
	}

	@Override
	boolean onFrame(Pipe pipe, FrameDecoder frame) {
		// A PULL peer sends nothing; drop whatever a misbehaving one does.
		return true;
	}

}
