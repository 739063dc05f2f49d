package io.aioarango.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** An immutable HTTP response: status, headers and the whole body. */
public final class HttpResponse {
    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    /** The body array is copied. */
    public HttpResponse(int status, HttpHeaders headers, byte[] body) {
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body == null || body.length == 0 ? NO_BODY : body.clone();
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** A copy of the body; empty, never {@code null}, when there was none. */
    public byte[] body() {
        return body.clone();
    }

    /** Reads the body without copying it. */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body);
    }

    public int bodyLength() {
        return body.length;
    }

    /** The body decoded as UTF-8, the only encoding ArangoDB's JSON uses. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HttpResponse[status=" + status + ", " + body.length + " bytes]";
    }
}
