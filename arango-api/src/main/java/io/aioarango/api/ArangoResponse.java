package io.aioarango.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** An immutable HTTP response: status, headers and the whole body. */
public final class ArangoResponse {
    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final Headers headers;
    /** Only the first {@link #length} bytes are the body, so that a transport never trims by copying. */
    private final byte[] body;
    private final int length;

    /**
     * Creates a response.
     *
     * @param status  the HTTP status code
     * @param headers the response headers
     * @param body    the body, or {@code null} for none; the array is copied
     * @throws NullPointerException if {@code headers} is {@code null}
     */
    public ArangoResponse(int status, Headers headers, byte[] body) {
        this(status, headers, body == null || body.length == 0 ? NO_BODY : body.clone(),
                body == null ? 0 : body.length);
    }

    private ArangoResponse(int status, Headers headers, byte[] body, int length) {
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body;
        this.length = length;
    }

    /**
     * A response that takes the caller's array as its body instead of copying it, so that a transport
     * holds an answer once: the body is {@code body[0..length)}. The caller hands the array over and must
     * neither change nor keep it afterwards.
     *
     * @param status  the HTTP status code
     * @param headers the response headers
     * @param body    the array the transport read the body into, or {@code null} for none
     * @param length  how many of its first bytes are the body, 0 to {@code body.length}
     * @return the response, holding {@code body} itself
     * @throws IllegalArgumentException if {@code length} is negative or larger than the array
     * @throws NullPointerException if {@code headers} is {@code null}
     */
    public static ArangoResponse ofOwnedBody(int status, Headers headers, byte[] body, int length) {
        int capacity = body == null ? 0 : body.length;
        if (length < 0 || length > capacity) {
            throw new IllegalArgumentException("length " + length + " is out of range; use 0 to " + capacity);
        }
        return new ArangoResponse(status, headers, length == 0 ? NO_BODY : body, length);
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
     * The body, copied; prefer {@link #bodyStream()} to read a large one.
     *
     * @return a new array each call; empty, never {@code null}, when there was no body
     */
    public byte[] body() {
        return Arrays.copyOf(body, length);
    }

    /**
     * Reads the body without copying it.
     *
     * @return a new stream over the body each call; empty when there was none
     */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body, 0, length);
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
     * The body decoded as UTF-8, the only encoding ArangoDB's JSON uses.
     *
     * @return the body as text; empty when there was none
     */
    public String bodyAsString() {
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ArangoResponse[status=" + status + ", " + length + " bytes]";
    }
}
