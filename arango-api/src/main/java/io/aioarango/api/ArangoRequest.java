package io.aioarango.api;

import io.aioarango.api.internal.RequestRules;
import java.nio.ByteBuffer;
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
     * @param method the HTTP method
     * @param path   the path below the database, starting with {@code /}, e.g. {@code /_api/version};
     *               a character a URL path cannot hold (a space, a non-ASCII letter) is sent percent-encoded
     *               as UTF-8, and an existing {@code %XX} escape as given, so encode a {@code /} or {@code ?}
     *               inside a segment yourself
     * @return a builder for a request with this method and path
     * @throws IllegalArgumentException if the path does not start with {@code /}, holds a query, a
     *             fragment or a {@code .} or {@code ..} segment (which would leave the database's prefix)
     * @throws NullPointerException if {@code method} or {@code path} is {@code null}
     */
    public static Builder builder(HttpMethod method, String path) {
        return new Builder(method, path);
    }

    /**
     * The HTTP method.
     *
     * @return the method, never {@code null}
     */
    public HttpMethod method() {
        return method;
    }

    /**
     * The path below {@code /_db/{name}}, as given to {@link #builder(HttpMethod, String)}.
     *
     * @return the path, starting with {@code /}
     */
    public String path() {
        return path;
    }

    /**
     * The query parameters, unencoded, in the order added.
     *
     * @return an unmodifiable map of names to values; empty when there are none
     */
    public Map<String, String> query() {
        return query;
    }

    /**
     * The headers the caller added.
     *
     * @return the headers; empty when none were added
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The body.
     *
     * @return a copy of the body, or {@code null} when the request has none
     */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /**
     * The body without a copy, e.g. for the SDK to hand to a transport.
     *
     * @return a new read-only view of the body each call, or {@code null} when the request has none
     */
    public ByteBuffer bodyBuffer() {
        return body == null ? null : ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /**
     * Whether the request has a body.
     *
     * @return {@code true} if a body was set, even an empty one
     */
    public boolean hasBody() {
        return body != null;
    }

    /**
     * Whether sending it twice is harmless, so that it may be retried after a broken connection.
     *
     * @return the value set with {@link Builder#idempotent(boolean)}, else {@link HttpMethod#isSafe()}
     */
    public boolean idempotent() {
        return idempotent;
    }

    /**
     * A low-cardinality name for metrics and logs, e.g. {@code cluster.health}.
     *
     * @return the name set with {@link Builder#operation(String)}; {@code raw} by default
     */
    public String operation() {
        return operation;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /**
     * Builds an {@link ArangoRequest}; get one from {@link ArangoRequest#builder(HttpMethod, String)}. Not
     * thread-safe.
     */
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

        /**
         * Adds a query parameter, or replaces the value of one added before under the same name.
         *
         * @param name  the parameter's name, unencoded
         * @param value its value, unencoded; the SDK encodes both when it sends the request
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is {@code null}
         */
        public Builder queryParam(String name, String value) {
            query.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds a header; one the SDK sets too (e.g. {@code accept}) replaces the SDK's. Adding a name twice
         * keeps both values.
         *
         * @param name  the header's name, in any case
         * @param value the header's value, one line of text
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is {@code null}
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

        /**
         * Sets a body of raw bytes, replacing any body set before.
         *
         * @param body the body; the array is copied
         * @return this builder
         * @throws NullPointerException if {@code body} is {@code null}
         */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body").clone();
            return this;
        }

        /**
         * Sets a JSON body, replacing any body set before. The text is not checked to be JSON.
         *
         * @param json the body, sent as UTF-8
         * @return this builder
         * @throws NullPointerException if {@code json} is {@code null}
         */
        public Builder jsonBody(String json) {
            this.body = Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Says whether sending the request twice is harmless; the default is {@link HttpMethod#isSafe()}.
         *
         * @param idempotent {@code true} to allow a retry after a broken connection
         * @return this builder
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /**
         * Names the request for metrics and logs; keep the number of distinct names small.
         *
         * @param operation e.g. {@code documents.import}; {@code raw} by default
         * @return this builder
         * @throws NullPointerException if {@code operation} is {@code null}
         */
        public Builder operation(String operation) {
            this.operation = Objects.requireNonNull(operation, "operation");
            return this;
        }

        /**
         * Builds the request; the builder may be changed and used again afterwards.
         *
         * @return a new immutable request
         */
        public ArangoRequest build() {
            return new ArangoRequest(this);
        }
    }
}
