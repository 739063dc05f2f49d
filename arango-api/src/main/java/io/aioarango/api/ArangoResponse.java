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

    /** The body array is copied. */
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
     * @param body   the array the transport read the body into, or {@code null} for none
     * @param length how many of its first bytes are the body, 0 to {@code body.length}
     */
    public static ArangoResponse ofOwnedBody(int status, Headers headers, byte[] body, int length) {
        int capacity = body == null ? 0 : body.length;
        if (length < 0 || length > capacity) {
            throw new IllegalArgumentException("length " + length + " is out of range; use 0 to " + capacity);
        }
        return new ArangoResponse(status, headers, length == 0 ? NO_BODY : body, length);
    }

    public int status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    /** A copy of the body; empty, never {@code null}, when there was none. */
    public byte[] body() {
        return Arrays.copyOf(body, length);
    }

    /** Reads the body without copying it. */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body, 0, length);
    }

    public int bodyLength() {
        return length;
    }

    /** The body decoded as UTF-8, the only encoding ArangoDB's JSON uses. */
    public String bodyAsString() {
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ArangoResponse[status=" + status + ", " + length + " bytes]";
    }
}
