package io.aioarango.api;

import io.aioarango.api.internal.RequestRules;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to a database, described as data: method, path under {@code /_db/{name}}, query
 * parameters, headers and body. The SDK adds routing, failover, authentication and metrics when it
 * is sent with {@link Database#send(ArangoRequest)}; the cluster API uses the same description.
 *
 * <pre>{@code
 * ArangoRequest request = ArangoRequest.builder(HttpMethod.GET, "/_api/collection")
 *         .queryParam("excludeSystem", "true")
 *         .build();
 * }</pre>
 */
public final class ArangoRequest {
    private final HttpMethod method;
    private final String path;
    private final Map<String, String> query;
    private final Headers headers;
    private final byte[] body;
    private final boolean idempotent;
    private final String operation;

    private ArangoRequest(Builder builder) {
        this.method = builder.method;
        this.path = builder.path;
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(builder.query));
        this.headers = builder.headers;
        this.body = builder.body;
        this.idempotent = builder.idempotent == null ? method.isSafe() : builder.idempotent;
        this.operation = builder.operation;
    }

    /**
     * Starts a request.
     *
     * @param path the path below the database, starting with {@code /}, e.g. {@code /_api/version};
     *             a character a URL path cannot hold (a space, a non-ASCII letter) is sent percent-encoded as
     *             UTF-8, and an existing {@code %XX} escape as given, so encode a {@code /} or {@code ?}
     *             inside a segment yourself
     * @throws IllegalArgumentException if the path does not start with {@code /}, holds a query, a
     *             fragment or a {@code .} or {@code ..} segment (which would leave the database's prefix)
     */
    public static Builder builder(HttpMethod method, String path) {
        return new Builder(method, path);
    }

    public HttpMethod method() {
        return method;
    }

    /** The path below {@code /_db/{name}}, as sent. */
    public String path() {
        return path;
    }

    /** Query parameters, unencoded, in the order added. */
    public Map<String, String> query() {
        return query;
    }

    public Headers headers() {
        return headers;
    }

    /** A copy of the body, or {@code null} when the request has none. */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    public boolean hasBody() {
        return body != null;
    }

    /** Whether sending it twice is harmless, so that it may be retried after a broken connection. */
    public boolean idempotent() {
        return idempotent;
    }

    /** A low-cardinality name for metrics and logs, e.g. {@code cluster.health}; {@code raw} by default. */
    public String operation() {
        return operation;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    public static final class Builder {
        private final HttpMethod method;
        private final String path;
        private final Map<String, String> query = new LinkedHashMap<>();
        private Headers headers = Headers.empty();
        private byte[] body;
        private Boolean idempotent;
        private String operation = "raw";

        private Builder(HttpMethod method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("Request path '" + path + "' must start with '/'");
            }
            if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
                throw new IllegalArgumentException(
                        "Request path '" + path + "' must not hold a query or fragment; use queryParam(name, value)");
            }
            if (RequestRules.hasDotSegment(path)) {
                throw new IllegalArgumentException("Request path '" + path
                        + "' must not hold a '.' or '..' segment; give the path below the database as it is");
            }
            this.path = path;
        }

        public Builder queryParam(String name, String value) {
            query.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds a header; one the SDK sets too (e.g. {@code accept}) replaces the SDK's.
         *
         * @throws IllegalArgumentException for a name that is not an HTTP token, a value holding a line break
         *             or another control character, or a header that frames the message ({@code Content-Length},
         *             {@code Transfer-Encoding}, {@code Connection}, {@code Host}, {@code Upgrade}, {@code TE},
         *             {@code Trailer}, ...), which only the transport may set
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
                throw new IllegalArgumentException("Header name '" + name
                        + "' is not accepted; use letters, digits and !#$%&'*+-.^_`|~");
            }
            RequestRules.checkCallerHeader(name);
            if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F)) {
                throw new IllegalArgumentException("The value of header '" + name
                        + "' holds a line break or control character; a header value is one line of text");
            }
            headers = headers.with(name, value);
            return this;
        }

        private static boolean isTokenChar(int c) {
            return c > 0x20 && c < 0x7F && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }

        /** A body of raw bytes; the array is copied. */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body").clone();
            return this;
        }

        /** A JSON body, sent as UTF-8. */
        public Builder jsonBody(String json) {
            this.body = Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Overrides the default, which is {@link HttpMethod#isSafe()}. */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        public Builder operation(String operation) {
            this.operation = Objects.requireNonNull(operation, "operation");
            return this;
        }

        public ArangoRequest build() {
            return new ArangoRequest(this);
        }
    }
}
