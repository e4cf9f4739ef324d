package dev.ekuiper.plugin.nng.wire;

/**
 * What a protocol puts in front of the message body inside a frame. The frame decoder
 * splits these 4-byte words off, so the body lands in its own array with no copy.
 */
public enum HeaderShape {

	/** No protocol header (PUSH/PULL). */
	NONE,

	/** Exactly one word, the request id with its top bit set (a reply seen by REQ). */
	REQUEST_ID,

	/**
	 * Hop words followed by the request id, the first word with its top bit set (a
	 * request seen by REP). Backtraces longer than the socket's max TTL are dropped.
	 */
	BACKTRACE

}
