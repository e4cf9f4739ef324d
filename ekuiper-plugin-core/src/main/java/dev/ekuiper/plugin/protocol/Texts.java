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
package dev.ekuiper.plugin.protocol;

/**
 * Helpers for texts sent to the host.
 */
public final class Texts {

	private static final int MAX_QUOTED = 64;

	private static final int MAX_FAILURE = 256;

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

	/**
	 * Describes a symbol's failure for the host in one short line that names the symbol,
	 * the exception type and the first line of its message, e.g.
	 * {@code function 'revert': IndexOutOfBoundsException: Index 0 out of bounds for length 0}.
	 * It never starts with {@code h}, since it starts with the symbol's kind.
	 * @param symbol the symbol's kind and name, e.g. {@code function 'revert'}
	 * @param ex what it threw
	 * @return the line, cut to 256 characters
	 */
	public static String failure(String symbol, Throwable ex) {
		return shorten(symbol + ": " + typed(ex));
	}

	/**
	 * Describes a failure that has no exception, like
	 * {@link #failure(String, Throwable)}.
	 * @param symbol the symbol's kind and name, e.g. {@code sink 'file'}
	 * @param message what failed
	 * @return the line, cut to 256 characters
	 */
	public static String failure(String symbol, String message) {
		return shorten(symbol + ": " + oneLine(message));
	}

	/**
	 * Describes an exception by its type and the first line of its message, e.g.
	 * {@code IOException: disk full}, or its type alone when it has no message. Control
	 * characters become {@code ?}. Not shortened, so that secrets can be masked first.
	 * @param ex the exception
	 * @return the one-line description
	 */
	public static String typed(Throwable ex) {
		String message = ex.getMessage();
		String type = ex.getClass().getSimpleName();
		return (message == null || message.isBlank()) ? type : type + ": " + oneLine(message);
	}

	/**
	 * Cuts a one-line failure text to 256 characters.
	 * @param text the text
	 * @return the text, with an ellipsis when cut
	 */
	public static String shorten(String text) {
		return (text.length() <= MAX_FAILURE) ? text : text.substring(0, MAX_FAILURE) + "…";
	}

	/**
	 * Keeps the first line of a text; other control characters become {@code ?}.
	 * @param text any text
	 * @return its first line
	 */
	public static String oneLine(String text) {
		int newline = text.indexOf('\n');
		String line = (newline < 0) ? text : text.substring(0, newline);
		StringBuilder clean = null;
		for (int i = 0; i < line.length(); i++) {
			if (Character.isISOControl(line.charAt(i))) {
				if (clean == null) {
					clean = new StringBuilder(line);
				}
				clean.setCharAt(i, '?');
			}
		}
		return (clean != null) ? clean.toString() : line;
	}

}
