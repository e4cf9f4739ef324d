package dev.ekuiper.plugin.protocol;

/**
 * Helpers for texts sent to the host.
 */
public final class Texts {

	private static final int MAX_QUOTED = 64;

	private Texts() {
	}

	/**
	 * Shortens a value quoted in an error text so a huge input cannot make a huge answer,
	 * and keeps the answer on one line: control characters (line breaks included) become
	 * {@code ?}, so input cannot forge lines in the host's log.
	 * @param value any value
	 * @return its text, cut to 64 characters with an ellipsis
	 */
	public static String clip(Object value) {
		String text = String.valueOf(value);
		String shown = (text.length() <= MAX_QUOTED) ? text : text.substring(0, MAX_QUOTED) + "…";
		StringBuilder oneLine = null;
		for (int i = 0; i < shown.length(); i++) {
			if (Character.isISOControl(shown.charAt(i))) {
				if (oneLine == null) {
					oneLine = new StringBuilder(shown);
				}
				oneLine.setCharAt(i, '?');
			}
		}
		return (oneLine != null) ? oneLine.toString() : shown;
	}

	/**
	 * Makes an error answer safe for the control and function channels: never empty, and
	 * never starting with a lowercase {@code h}, which the host would take for a stale
	 * handshake and resend its command forever.
	 * @param text the error text
	 * @return the text, with a leading {@code h} capitalised
	 */
	public static String safeError(String text) {
		if (text == null || text.isBlank()) {
			return "Error";
		}
		return (text.charAt(0) == 'h') ? "H" + text.substring(1) : text;
	}

	/**
	 * Describes a message refused for its size.
	 * @param what names the message, e.g. {@code Command}
	 * @param bytes its size
	 * @param limit the largest size accepted
	 * @return {@code <what> of <bytes> bytes exceeds the limit of <limit> bytes}
	 */
	public static String tooLarge(String what, long bytes, long limit) {
		return what + " of " + bytes + " bytes exceeds the limit of " + limit + " bytes";
	}

	/**
	 * Describes an exception for the host: its message, or its type when it has none. An
	 * I/O exception's message is often just a path, so its type goes in front. No stack
	 * trace, no cause chain.
	 * @param ex the exception
	 * @return a one-line description
	 */
	public static String describe(Throwable ex) {
		String message = ex.getMessage();
		String type = ex.getClass().getSimpleName();
		String text = (message == null || message.isBlank()) ? type
				: (ex instanceof java.io.IOException) ? type + ": " + message : message;
		int newline = text.indexOf('\n');
		return (newline < 0) ? text : text.substring(0, newline);
	}

}
