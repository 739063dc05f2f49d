package io.aioarango.api.spi;

import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.internal.RequestRules;
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
    private final byte[] body;

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
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body == null ? null : body.clone();
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("Request target '" + target + "' must start with '/'");
        }
        RequestRules.checkTarget(target);
        headers.forEach((name, value) -> RequestRules.checkCallerHeader(name));
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
     * The body.
     *
     * @return a copy of the body, or {@code null} when there is none
     */
    public byte[] body() {
        return body == null ? null : body.clone();
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
        return body == null ? 0 : body.length;
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
