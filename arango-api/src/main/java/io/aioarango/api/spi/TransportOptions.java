package io.aioarango.api.spi;

import java.time.Duration;

/** The settings every transport honours, as far as its HTTP client allows (each transport documents how). */
public final class TransportOptions {
    /** How long establishing a TCP (and TLS) connection may take by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
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

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final int maxConnectionsPerHost;
    private final int maxPendingRequestsPerHost;
    private final long maxResponseBytes;

    private TransportOptions(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.idleTimeout = builder.idleTimeout;
        this.maxConnectionsPerHost = builder.maxConnectionsPerHost;
        this.maxPendingRequestsPerHost = builder.maxPendingRequestsPerHost;
        this.maxResponseBytes = builder.maxResponseBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static TransportOptions defaults() {
        return builder().build();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public int maxConnectionsPerHost() {
        return maxConnectionsPerHost;
    }

    public int maxPendingRequestsPerHost() {
        return maxPendingRequestsPerHost;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    @Override
    public String toString() {
        return "TransportOptions[connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", idleTimeout=" + idleTimeout + ", maxConnectionsPerHost=" + maxConnectionsPerHost
                + ", maxPendingRequestsPerHost=" + maxPendingRequestsPerHost + ", maxResponseBytes="
                + maxResponseBytes + "]";
    }

    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxConnectionsPerHost = DEFAULT_MAX_CONNECTIONS;
        private int maxPendingRequestsPerHost = DEFAULT_MAX_PENDING;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

        private Builder() {
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        public Builder maxConnectionsPerHost(int connections) {
            this.maxConnectionsPerHost = (int) atLeastOne("maxConnectionsPerHost", connections);
            return this;
        }

        public Builder maxPendingRequestsPerHost(int requests) {
            this.maxPendingRequestsPerHost = (int) atLeastOne("maxPendingRequestsPerHost", requests);
            return this;
        }

        public Builder maxResponseBytes(long bytes) {
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxResponseBytes " + bytes + " is out of range; use 1 to "
                        + (Integer.MAX_VALUE - 8) + " (a response is held in one array)");
            }
            this.maxResponseBytes = atLeastOne("maxResponseBytes", bytes);
            return this;
        }

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
