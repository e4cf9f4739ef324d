package dev.ekuiper.plugin.nng;

/**
 * A message larger than the socket's max receive size arrived. Its bytes were skipped
 * without being held and the connection stays up, so the receiver can answer it; the next
 * receive returns the next message.
 */
public final class NngMessageTooLargeException extends NngException {

	/** The size of the skipped message, in bytes. */
	private final long size;

	/** The socket's max receive size, in bytes. */
	private final long limit;

	/**
	 * Creates an exception.
	 * @param size the message's size in bytes
	 * @param limit the max receive size in bytes
	 */
	public NngMessageTooLargeException(long size, long limit) {
		super("message of " + size + " bytes exceeds the max receive size of " + limit + " bytes");
		this.size = size;
		this.limit = limit;
	}

	/**
	 * Returns the refused message's size.
	 * @return the size in bytes
	 */
	public long size() {
		return this.size;
	}

	/**
	 * Returns the max receive size in force.
	 * @return the limit in bytes
	 */
	public long limit() {
		return this.limit;
	}

}
