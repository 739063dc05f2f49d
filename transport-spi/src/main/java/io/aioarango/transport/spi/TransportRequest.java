package io.aioarango.transport.spi;

import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.internal.RequestRules;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An immutable HTTP request as a transport sends it.
 *
 * @see HttpSession#send(TransportRequest)
 */
public final class TransportRequest {
    private final HttpMethod method;
    private final String target;
    private final Headers headers;
    /** Read-only; each reader gets its own {@link ByteBuffer#duplicate()}, as a hedge sends it twice. */
    private final ByteBuffer body;

    /**
     * Creates a request, checking the target and header names.
     *
     * @param method  the method
     * @param target  the path and query, already percent-encoded (printable ASCII, no space), starting
     *                with {@code /}; a transport sends it byte for byte
     * @param headers the headers to send; none of those that frame the message or concern one hop
     *                ({@code Content-Length}, {@code Transfer-Encoding}, {@code Connection}, {@code Host},
     *                {@code Upgrade}, {@code TE}, {@code Trailer}, {@code Keep-Alive}, {@code Proxy-Connection},
     *                {@code Expect}), which are the transport's to write
     * @param body    the body, or {@code null} for none; copied
     * @throws IllegalArgumentException if the target or a header name breaks these rules
     * @throws NullPointerException if {@code method}, {@code target} or {@code headers} is {@code null}
     */
    public TransportRequest(HttpMethod method, String target, Headers headers, byte[] body) {
        this(method, target, headers, body == null ? null : ByteBuffer.wrap(body.clone()).asReadOnlyBuffer());
    }

    private TransportRequest(HttpMethod method, String target, Headers headers, ByteBuffer body) {
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body;
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("Request target '" + target + "' must start with '/'");
        }
        RequestRules.checkTarget(target);
        headers.forEach((name, value) -> RequestRules.checkCallerHeader(name));
    }

    /**
     * A request whose body is handed over rather than copied: the SDK builds each one from an immutable
     * {@link io.aioarango.api.ArangoRequest}'s {@link io.aioarango.api.ArangoRequest#bodyBuffer()}.
     *
     * @param method  the method
     * @param target  as for {@link #TransportRequest(HttpMethod, String, Headers, byte[])}
     * @param headers as for {@link #TransportRequest(HttpMethod, String, Headers, byte[])}
     * @param body    the body, its remaining bytes, or {@code null} for none; kept, not copied, so nobody may
     *                change those bytes afterwards
     * @return the request
     * @throws IllegalArgumentException if the target or a header name breaks the rules
     * @throws NullPointerException if {@code method}, {@code target} or {@code headers} is {@code null}
     */
    public static TransportRequest withOwnedBody(HttpMethod method, String target, Headers headers, ByteBuffer body) {
        ByteBuffer view = body == null ? null : body.slice(); // a slice of a read-only buffer is read-only
        return new TransportRequest(method, target, headers,
                view == null || view.isReadOnly() ? view : view.asReadOnlyBuffer());
    }

    /**
     * The HTTP method.
     *
     * @return the method
     */
    public HttpMethod method() {
        return method;
    }

    /**
     * The request target as sent.
     *
     * @return the path and query, percent-encoded, e.g.
     *         {@code /_db/_system/_admin/cluster/nodeVersion?ServerID=PRMR-1}
     */
    public String target() {
        return target;
    }

    /**
     * The path part of {@link #target()}.
     *
     * @return the target up to, not including, the first {@code ?}
     */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /**
     * The headers to send; the transport adds those it writes itself.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The body, without a copy.
     *
     * @return a new read-only view of the body each call, positioned at its start; {@code null} when there
     *         is none
     */
    public ByteBuffer body() {
        return body == null ? null : body.duplicate();
    }

    /**
     * Whether the request has a body.
     *
     * @return {@code true} if a body was given, even an empty one
     */
    public boolean hasBody() {
        return body != null;
    }

    /**
     * The body's length.
     *
     * @return the length in bytes, 0 when there is none
     */
    public int bodyLength() {
        return body == null ? 0 : body.remaining();
    }

    /**
     * Never shows header values, which may hold credentials.
     *
     * @return the method and target, e.g. {@code GET /_db/_system/_api/version}
     */
    @Override
    public String toString() {
        return method + " " + target;
    }
}
