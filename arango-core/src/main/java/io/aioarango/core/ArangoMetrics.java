package io.aioarango.core;

/**
 * The Micrometer meters an {@link ArangoClient} records, per coordinator, into the registry given to
 * {@link ArangoClient.Builder#meterRegistry} (default: Micrometer's global registry). Tags are
 * low-cardinality: the coordinator as {@code host:port}, never a URL, a path or a credential.
 */
public final class ArangoMetrics {
    /** Timer, one sample per attempt. Tags: host, operation, method, status, outcome, protocol. */
    public static final String REQUESTS = "arango.client.requests";
    /** Gauge: requests in flight. Tag: host. */
    public static final String REQUESTS_ACTIVE = "arango.client.requests.active";
    /** Counter: requests that left this coordinator for another. Tags: host (the one left), reason. */
    public static final String FAILOVERS = "arango.client.failovers";
    /**
     * Counter: requests sent a second time, to another coordinator, because this one had not answered in
     * time ({@link Hedging}). Tags: host (the slow one), result ({@code won}: the hedge answered first;
     * {@code lost}: the first attempt did; {@code failed}: neither answered).
     */
    public static final String HEDGES = "arango.client.hedges";
    /** Counter: times the coordinator was ejected for slow attempts in a row. Tag: host. */
    public static final String EJECTIONS = "arango.client.ejections";
    /** Gauge: 1 while the coordinator is up, 0 while it is marked down or ejected. Tag: host. */
    public static final String HOST_UP = "arango.client.host.up";
    /** Distribution (seconds): the server's {@code x-arango-queue-time-seconds}. Tag: host. */
    public static final String SERVER_QUEUE_TIME = "arango.client.server.queue.time";
    /**
     * Gauge: connections of transports that pool them (netty). Tags: host, state ({@code active},
     * {@code idle}, {@code pending} for requests waiting), protocol.
     */
    public static final String CONNECTIONS = "arango.client.connections";
    /**
     * Gauge: requests on the wire, one per active connection over HTTP/1.1, many per connection over
     * HTTP/2. Tags: host, protocol.
     */
    public static final String STREAMS = "arango.client.streams";
    /** Counter (bytes): request bodies sent. Tag: host. */
    public static final String BYTES_SENT = "arango.client.bytes.sent";
    /** Counter (bytes): response bodies received. Tag: host. */
    public static final String BYTES_RECEIVED = "arango.client.bytes.received";
    /**
     * The observation of one logical call, when an {@code ObservationRegistry} is given: its keys are listed by
     * {@link ArangoObservationDocumentation}, its convention is {@link ArangoObservationConvention}.
     */
    public static final String CALL_OBSERVATION = "arango.client.call";

    /** Tag: the HTTP version, {@code http1} or {@code h2} ({@code auto} while a session has not negotiated yet). */
    public static final String TAG_PROTOCOL = "protocol";
    /** Tag: the coordinator, e.g. {@code db1.example.com:8529}. */
    public static final String TAG_HOST = "host";
    /** Tag: the call, e.g. {@code cluster.health}; {@code raw} for {@code Database.send}. */
    public static final String TAG_OPERATION = "operation";
    /** Tag: the HTTP method. */
    public static final String TAG_METHOD = "method";
    /** Tag: the HTTP status code, or {@code IO_ERROR}, {@code TIMEOUT}, {@code CANCELLED}. */
    public static final String TAG_STATUS = "status";
    /** Tag: {@code SUCCESS}, {@code CLIENT_ERROR}, {@code SERVER_ERROR}, {@code REDIRECTION}, {@code UNKNOWN}. */
    public static final String TAG_OUTCOME = "outcome";
    /**
     * Tag of {@link #FAILOVERS}: {@code connect} (not reached), {@code unavailable} (503),
     * {@code queue_full}, {@code connection} (broke after sending), {@code timeout}, {@code redirect}.
     */
    public static final String TAG_REASON = "reason";
    /** Tag of {@link #HEDGES}: {@code won}, {@code lost}, {@code failed}. */
    public static final String TAG_RESULT = "result";
    /** Tag of {@link #CONNECTIONS}: {@code active}, {@code idle}, {@code pending}. */
    public static final String TAG_STATE = "state";

    /**
     * {@link #TAG_STATUS} of an attempt that ended without an answer for any other reason than a timeout or
     * a cancellation: a connection failure, a full request queue, a response over a size limit.
     */
    public static final String STATUS_IO_ERROR = "IO_ERROR";
    /** {@link #TAG_STATUS} of an attempt that timed out ({@link io.aioarango.api.ArangoTimeoutException}). */
    public static final String STATUS_TIMEOUT = "TIMEOUT";
    /** {@link #TAG_STATUS} of an attempt that was cancelled, as when the caller cancels the future. */
    public static final String STATUS_CANCELLED = "CANCELLED";

    private ArangoMetrics() {
    }
}
