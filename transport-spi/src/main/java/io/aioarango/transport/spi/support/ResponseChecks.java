package io.aioarango.transport.spi.support;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoException;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.ResponseTooLargeException;
import java.util.List;

/**
 * What both transports check in an answer, and how they report what is wrong with it, so that a hostile
 * or broken server fails alike on each: always with one of the SDK's exceptions, never a parser's own.
 */
public final class ResponseChecks {
    /** The longest value quoted in a failure message; a hostile server's may be huge. */
    private static final int QUOTED = 64;

    private ResponseChecks() {
    }

    /**
     * The body length a response declares.
     *
     * @param host   the coordinator, named in a failure
     * @param values every {@code Content-Length} value received (a header may repeat, a value may list)
     * @return the length in bytes; -1 when {@code values} is empty (no {@code Content-Length})
     * @throws ArangoConnectionException (the request was sent) when a value is not a non-negative number
     *                                   that fits a {@code long}, or the values disagree
     */
    public static long contentLength(Host host, List<String> values) {
        long length = -1;
        for (String value : values) {
            // The parts of a comma-separated value, found without a split: one part is the usual case.
            for (int from = 0, comma; from <= value.length(); from = comma + 1) {
                comma = value.indexOf(',', from);
                if (comma < 0) {
                    comma = value.length();
                }
                long parsed = parseLength(value.substring(from, comma).trim());
                if (parsed < 0) {
                    throw invalid(host, "bad Content-Length " + quote(value), null);
                }
                if (length >= 0 && parsed != length) {
                    throw invalid(host, "conflicting Content-Length values " + quote(String.join(", ", values)), null);
                }
                length = parsed;
            }
        }
        return length;
    }

    /** Digits only, at most 18 of them (any longer length is absurd anyway): -1 otherwise. */
    private static long parseLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /**
     * The size the header limit counts.
     *
     * @param headers the response headers
     * @return the characters (bytes on the wire) of every name and value added up, once per value
     */
    public static long headerBytes(Headers headers) {
        long[] bytes = {0};
        headers.forEach((name, value) -> bytes[0] += name.length() + value.length());
        return bytes[0];
    }

    /**
     * Checks the headers against the header limit, counted as {@link #headerBytes(Headers)} does.
     *
     * @param host    the coordinator, named in a failure
     * @param limit   the limit in bytes ({@code maxResponseHeaderBytes})
     * @param headers the response headers
     * @throws ResponseTooLargeException naming the header limit when the headers are over it
     */
    public static void checkHeaderSize(Host host, int limit, Headers headers) {
        if (headerBytes(headers) > limit) {
            throw ResponseTooLargeException.headers(host, limit, null);
        }
    }

    /**
     * A malformed answer after the request was sent, saying what was wrong with it.
     *
     * @param host  the coordinator
     * @param what  what was wrong, e.g. {@code bad Content-Length '12x'}; quote server text with
     *              {@link #quote(String)}
     * @param cause the parser's failure, or {@code null}
     * @return the exception, with the message {@code host: invalid response: what} and
     *         {@link ArangoConnectionException#requestSent()} {@code true}
     */
    public static ArangoConnectionException invalid(Host host, String what, Throwable cause) {
        return new ArangoConnectionException(host, "invalid response: " + what, true, cause);
    }

    /**
     * Any throwable met while reading an answer, as the SDK's exception: the SDK's own pass through, an
     * {@link OutOfMemoryError} means the answer did not fit, anything else that it could not be read.
     *
     * @param host             the coordinator
     * @param maxResponseBytes the body limit in bytes, named when the answer did not fit
     * @param failure          what was thrown
     * @return {@code failure} itself when it is an {@link ArangoException}; else a
     *         {@link ResponseTooLargeException} for an {@link OutOfMemoryError}, or an
     *         {@link ArangoConnectionException} with {@link ArangoConnectionException#requestSent()} {@code true}
     */
    public static ArangoException readFailure(Host host, long maxResponseBytes, Throwable failure) {
        if (failure instanceof ArangoException own) {
            return own;
        }
        if (failure instanceof OutOfMemoryError) {
            return ResponseTooLargeException.outOfMemory(host, maxResponseBytes, -1, failure);
        }
        return new ArangoConnectionException(host, "could not read the response: " + Completions.describe(failure),
                true, failure);
    }

    /**
     * Quotes server text for a failure message, safe for a log line.
     *
     * @param value the text
     * @return {@code value} in single quotes, cut to 64 characters (then followed by {@code ...}), with every
     *         character outside printable ASCII replaced by {@code ?}
     */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder(Math.min(value.length(), QUOTED) + 5).append('\'');
        for (int i = 0; i < value.length() && i < QUOTED; i++) {
            char c = value.charAt(i);
            quoted.append(c < 0x20 || c > 0x7e ? '?' : c);
        }
        if (value.length() > QUOTED) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }
}
