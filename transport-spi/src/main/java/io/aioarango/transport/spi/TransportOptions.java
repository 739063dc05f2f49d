package io.aioarango.transport.spi;

import io.aioarango.api.HttpProtocol;
import io.aioarango.api.TlsSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every transport honours, as far as its HTTP client allows (each transport documents how).
 *
 * <p>Limits on what a server may send: a response body over {@link #maxResponseBytes()} and response
 * headers over {@link #maxResponseHeaderBytes()} fail with {@link io.aioarango.api.ResponseTooLargeException},
 * whose {@code limitName()} names the setting to raise, and close their connection. The header limit counts
 * the bytes of every header name and value (not the status line, separators or line ends), alike on
 * every transport. {@code java.net.http} (the {@code jdk} transport) applies the JVM-wide system property
 * {@code jdk.http.maxHeaderSize} (384 KiB by default, counting 32 bytes more per header) before the
 * transport sees any header; when that limit is reached first the failure is reported the same way, so to
 * accept headers larger than it raise that property as well.
 */
public final class TransportOptions {
    /**
     * How long establishing a TCP (and TLS) connection may take by default: 3 s. A cluster client has other
     * coordinators to go to, and a connection that cannot be made moves the request on to the next one
     * (nothing was sent), so waiting long for a host whose SYNs are dropped only delays the caller. Linux
     * sends a lost SYN again after 1 s and then at 3 s: 3 s lets the first SYN and its first retry be
     * answered, beyond which the host is more likely gone than unlucky; a TLS handshake within a data
     * centre is a few round trips, milliseconds. Across a slow or lossy link, raise it.
     */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** How long one request may take, from sending to the last byte of the response, by default. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** How long an unused connection stays open by default; ArangoDB itself keeps them 300 s. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Connections per coordinator by default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** Requests that may wait for a connection per coordinator by default. */
    public static final int DEFAULT_MAX_PENDING = 4096;
    /** The largest response body accepted by default: 128 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 128L * 1024 * 1024;
    /** The largest response headers accepted by default, names and values: 64 KiB. */
    public static final int DEFAULT_MAX_RESPONSE_HEADER_BYTES = 64 * 1024;
    /** The smallest value of {@link Builder#maxResponseHeaderBytes(int)}: 1 KiB. */
    public static final int MIN_RESPONSE_HEADER_BYTES = 1024;
    /** The largest value of {@link Builder#maxResponseHeaderBytes(int)}: 1 MiB. */
    public static final int MAX_RESPONSE_HEADER_BYTES = 1024 * 1024;

    /** The smallest HTTP/2 stream window accepted: 65,535 bytes, the protocol's initial window. */
    public static final int MIN_HTTP2_WINDOW_BYTES = 65_535;
    /** The HTTP/2 flow-control window of each stream by default: 1 MiB (the protocol's own default is 64 KiB). */
    public static final int DEFAULT_HTTP2_WINDOW_BYTES = 1024 * 1024;
    /** How long an HTTP/2 connection may stay silent before it is sent a PING, by default. */
    public static final Duration DEFAULT_HTTP2_PING_INTERVAL = Duration.ofSeconds(30);

    private final HttpProtocol protocol;
    private final TlsSettings tls;
    private final int http2WindowBytes;
    private final Duration http2PingInterval;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final int maxConnectionsPerHost;
    private final int maxPendingRequestsPerHost;
    private final long maxResponseBytes;
    private final int maxResponseHeaderBytes;

    private TransportOptions(Builder builder) {
        this.protocol = builder.protocol;
        this.tls = builder.tls;
        this.http2WindowBytes = builder.http2WindowBytes;
        this.http2PingInterval = builder.http2PingInterval;
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.idleTimeout = builder.idleTimeout;
        this.maxConnectionsPerHost = builder.maxConnectionsPerHost;
        this.maxPendingRequestsPerHost = builder.maxPendingRequestsPerHost;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.maxResponseHeaderBytes = builder.maxResponseHeaderBytes;
    }

    /**
     * The HTTP version to speak.
     *
     * @return {@link HttpProtocol#HTTP1} unless set
     */
    public HttpProtocol protocol() {
        return protocol;
    }

    /**
     * How {@code https://} coordinators are spoken to: trust, client certificate, host-name checks.
     *
     * @return {@link TlsSettings#defaults()} unless set
     */
    public TlsSettings tls() {
        return tls;
    }

    /**
     * The HTTP/2 flow-control window of each stream, the size of a response a server may send before
     * the client has read any of it; Netty makes the connection's window about twice as large.
     *
     * @return bytes; {@link #DEFAULT_HTTP2_WINDOW_BYTES} unless set
     */
    public int http2WindowBytes() {
        return http2WindowBytes;
    }

    /**
     * How long an HTTP/2 connection may stay silent before it is sent a PING; one left unanswered for as
     * long again closes the connection, failing its requests.
     *
     * @return the interval; {@link #DEFAULT_HTTP2_PING_INTERVAL} unless set
     */
    public Duration http2PingInterval() {
        return http2PingInterval;
    }

    /**
     * Starts options with every setting at its default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options with every setting at its default.
     *
     * @return the default options
     */
    public static TransportOptions defaults() {
        return builder().build();
    }

    /**
     * A builder that starts from these options, to change some and keep the rest.
     *
     * @return a new builder holding every value of these options
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.protocol = protocol;
        builder.tls = tls;
        builder.http2WindowBytes = http2WindowBytes;
        builder.http2PingInterval = http2PingInterval;
        builder.connectTimeout = connectTimeout;
        builder.requestTimeout = requestTimeout;
        builder.idleTimeout = idleTimeout;
        builder.maxConnectionsPerHost = maxConnectionsPerHost;
        builder.maxPendingRequestsPerHost = maxPendingRequestsPerHost;
        builder.maxResponseBytes = maxResponseBytes;
        builder.maxResponseHeaderBytes = maxResponseHeaderBytes;
        return builder;
    }

    /**
     * How long establishing a TCP (and TLS) connection may take.
     *
     * @return the connect timeout, positive; default {@link #DEFAULT_CONNECT_TIMEOUT}
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long one request may take, from sending it (waiting for a connection included) to the last byte
     * of the response.
     *
     * @return the request timeout, positive; default {@link #DEFAULT_REQUEST_TIMEOUT}
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * How long an unused connection stays open.
     *
     * @return the idle timeout, positive; default {@link #DEFAULT_IDLE_TIMEOUT}
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * How many connections a session opens to its coordinator at most.
     *
     * @return 1 or more; default {@link #DEFAULT_MAX_CONNECTIONS}
     */
    public int maxConnectionsPerHost() {
        return maxConnectionsPerHost;
    }

    /**
     * How many requests may wait for a connection to one coordinator; one more fails with
     * {@link io.aioarango.api.RequestQueueFullException}.
     *
     * @return 1 or more; default {@link #DEFAULT_MAX_PENDING}
     */
    public int maxPendingRequestsPerHost() {
        return maxPendingRequestsPerHost;
    }

    /**
     * The largest response body accepted.
     *
     * @return the limit in bytes; default {@link #DEFAULT_MAX_RESPONSE_BYTES}
     */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * The largest response headers accepted: the bytes of every name and value added up.
     *
     * @return the limit in bytes; default {@link #DEFAULT_MAX_RESPONSE_HEADER_BYTES}
     */
    public int maxResponseHeaderBytes() {
        return maxResponseHeaderBytes;
    }

    /**
     * Every setting, for logs.
     *
     * @return e.g. {@code TransportOptions[protocol=http1, connectTimeout=PT3S, ...]}
     */
    @Override
    public String toString() {
        return "TransportOptions[protocol=" + protocol.value() + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", idleTimeout=" + idleTimeout + ", maxConnectionsPerHost=" + maxConnectionsPerHost
                + ", maxPendingRequestsPerHost=" + maxPendingRequestsPerHost + ", maxResponseBytes="
                + maxResponseBytes + ", maxResponseHeaderBytes=" + maxResponseHeaderBytes + ", http2WindowBytes="
                + http2WindowBytes + ", http2PingInterval=" + http2PingInterval + ", tls=" + tls + "]";
    }

    /** Builds {@link TransportOptions}; a setting not set keeps its default. Not thread-safe. */
    public static final class Builder {
        private HttpProtocol protocol = HttpProtocol.HTTP1;
        private TlsSettings tls = TlsSettings.defaults();
        private int http2WindowBytes = DEFAULT_HTTP2_WINDOW_BYTES;
        private Duration http2PingInterval = DEFAULT_HTTP2_PING_INTERVAL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxConnectionsPerHost = DEFAULT_MAX_CONNECTIONS;
        private int maxPendingRequestsPerHost = DEFAULT_MAX_PENDING;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxResponseHeaderBytes = DEFAULT_MAX_RESPONSE_HEADER_BYTES;

        private Builder() {
        }

        /**
         * Sets the HTTP version to speak.
         *
         * @param protocol {@link HttpProtocol#HTTP1} (the default), {@link HttpProtocol#H2} or
         *                 {@link HttpProtocol#AUTO}
         * @return this builder
         * @throws NullPointerException if {@code protocol} is {@code null}
         */
        public Builder protocol(HttpProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * Sets how {@code https://} coordinators are spoken to.
         *
         * @param tls the settings; default {@link TlsSettings#defaults()}
         * @return this builder
         * @throws NullPointerException if {@code tls} is {@code null}
         */
        public Builder tls(TlsSettings tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * Sets the HTTP/2 flow-control window of each stream.
         *
         * @param bytes {@value #MIN_HTTP2_WINDOW_BYTES} (the protocol's own default) to {@code 2^31 - 1};
         *              default {@link #DEFAULT_HTTP2_WINDOW_BYTES}
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is out of range
         */
        public Builder http2WindowBytes(int bytes) {
            if (bytes < MIN_HTTP2_WINDOW_BYTES) {
                throw new IllegalArgumentException("http2WindowBytes " + bytes + " is out of range; use "
                        + MIN_HTTP2_WINDOW_BYTES + " to " + Integer.MAX_VALUE);
            }
            this.http2WindowBytes = bytes;
            return this;
        }

        /**
         * Sets how long an HTTP/2 connection may stay silent before it is sent a PING.
         *
         * @param interval a positive duration; default {@link #DEFAULT_HTTP2_PING_INTERVAL}
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is {@code null}, zero or negative
         */
        public Builder http2PingInterval(Duration interval) {
            this.http2PingInterval = positive("http2PingInterval", interval);
            return this;
        }

        /**
         * Sets how long establishing a TCP (and TLS) connection may take.
         *
         * @param timeout a positive duration; default {@link #DEFAULT_CONNECT_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is {@code null}, zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * Sets how long one request may take, waiting for a connection and reading the body included.
         *
         * @param timeout a positive duration; default {@link #DEFAULT_REQUEST_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is {@code null}, zero or negative
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /**
         * Sets how long an unused connection stays open.
         *
         * @param timeout a positive duration; default {@link #DEFAULT_IDLE_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is {@code null}, zero or negative
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /**
         * Sets how many connections a session opens to its coordinator at most.
         *
         * @param connections 1 or more; default {@link #DEFAULT_MAX_CONNECTIONS}
         * @return this builder
         * @throws IllegalArgumentException if {@code connections} is less than 1
         */
        public Builder maxConnectionsPerHost(int connections) {
            this.maxConnectionsPerHost = (int) atLeastOne("maxConnectionsPerHost", connections);
            return this;
        }

        /**
         * Sets how many requests may wait for a connection to one coordinator.
         *
         * @param requests 1 or more; default {@link #DEFAULT_MAX_PENDING}
         * @return this builder
         * @throws IllegalArgumentException if {@code requests} is less than 1
         */
        public Builder maxPendingRequestsPerHost(int requests) {
            this.maxPendingRequestsPerHost = (int) atLeastOne("maxPendingRequestsPerHost", requests);
            return this;
        }

        /**
         * Sets the largest response body accepted; a response is held in one array, which bounds it.
         *
         * @param bytes 1 to {@code Integer.MAX_VALUE - 8}; default {@link #DEFAULT_MAX_RESPONSE_BYTES}
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is out of range
         */
        public Builder maxResponseBytes(long bytes) {
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxResponseBytes " + bytes + " is out of range; use 1 to "
                        + (Integer.MAX_VALUE - 8) + " (a response is held in one array)");
            }
            this.maxResponseBytes = atLeastOne("maxResponseBytes", bytes);
            return this;
        }

        /**
         * The largest response headers accepted, names and values added up; default
         * {@link #DEFAULT_MAX_RESPONSE_HEADER_BYTES}. Accepts {@link #MIN_RESPONSE_HEADER_BYTES} to
         * {@link #MAX_RESPONSE_HEADER_BYTES}.
         *
         * @param bytes the limit in bytes
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is out of range
         */
        public Builder maxResponseHeaderBytes(int bytes) {
            if (bytes < MIN_RESPONSE_HEADER_BYTES || bytes > MAX_RESPONSE_HEADER_BYTES) {
                throw new IllegalArgumentException("maxResponseHeaderBytes " + bytes + " is out of range; use "
                        + MIN_RESPONSE_HEADER_BYTES + " to " + MAX_RESPONSE_HEADER_BYTES);
            }
            this.maxResponseHeaderBytes = bytes;
            return this;
        }

        /**
         * Builds the options; the builder may be changed and used again afterwards.
         *
         * @return new immutable options
         */
        public TransportOptions build() {
            return new TransportOptions(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " " + value + " is not accepted; use a positive duration");
            }
            return value;
        }

        private static long atLeastOne(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " " + value + " is not accepted; use 1 or more");
            }
            return value;
        }
    }
}
