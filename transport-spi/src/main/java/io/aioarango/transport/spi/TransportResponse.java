package io.aioarango.transport.spi;

import io.aioarango.api.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An answer as a transport hands it to the core: the status, the headers and the array the body was read
 * into. The array is handed over, never copied: the transport neither changes nor keeps it once the
 * response is made, and the core only reads it. The core gives applications an
 * {@link io.aioarango.api.ArangoResponse}, never this.
 *
 * @see HttpSession#send(TransportRequest)
 */
public final class TransportResponse {
    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final Headers headers;
    /** Only the first {@link #length} bytes are the body, so that a transport never trims by copying. */
    private final byte[] body;
    private final int length;

    /**
     * Creates a response that holds {@code body} itself.
     *
     * @param status  the HTTP status code
     * @param headers the response headers
     * @param body    the array the body was read into, or {@code null} for none; handed over
     * @param length  how many of its first bytes are the body, 0 to {@code body.length}
     * @throws IllegalArgumentException if {@code length} is negative or larger than the array
     * @throws NullPointerException if {@code headers} is {@code null}
     */
    public TransportResponse(int status, Headers headers, byte[] body, int length) {
        int capacity = body == null ? 0 : body.length;
        if (length < 0 || length > capacity) {
            throw new IllegalArgumentException("length " + length + " is out of range; use 0 to " + capacity);
        }
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = length == 0 ? NO_BODY : body;
        this.length = length;
    }

    /**
     * A response whose body is the whole of {@code body}, handed over.
     *
     * @param status  the HTTP status code
     * @param headers the response headers
     * @param body    the body, or {@code null} for none
     * @return the response
     */
    public static TransportResponse of(int status, Headers headers, byte[] body) {
        return new TransportResponse(status, headers, body, body == null ? 0 : body.length);
    }

    /**
     * The HTTP status code.
     *
     * @return the status, e.g. 200
     */
    public int status() {
        return status;
    }

    /**
     * The response headers.
     *
     * @return the headers, never {@code null}
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The array the body was read into, itself: read it, never change it.
     *
     * @return the array, of which the first {@link #bodyLength()} bytes are the body; empty when there was none
     */
    public byte[] bodyArray() {
        return body;
    }

    /**
     * The body's length.
     *
     * @return the length in bytes, 0 when there was no body
     */
    public int bodyLength() {
        return length;
    }

    /**
     * The body, copied.
     *
     * @return a new array of exactly the body's bytes
     */
    public byte[] body() {
        return Arrays.copyOf(body, length);
    }

    /**
     * The body decoded as UTF-8, the only encoding ArangoDB's JSON uses.
     *
     * @return the body as text; empty when there was none
     */
    public String bodyAsString() {
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TransportResponse[status=" + status + ", " + length + " bytes]";
    }
}
