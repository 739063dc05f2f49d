package io.aioarango.api;

/**
 * Every connection to a coordinator was busy and the queue of requests waiting for one was full. The
 * request was not sent.
 */
public class RequestQueueFullException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final transient Host host;
    /** The transport's {@code maxPendingRequestsPerHost}. */
    private final int maxPending;

    /**
     * Creates the exception.
     *
     * @param host           the coordinator whose connections were all busy
     * @param maxConnections the transport's {@code maxConnectionsPerHost}
     * @param maxPending     the transport's {@code maxPendingRequestsPerHost}
     */
    public RequestQueueFullException(Host host, int maxConnections, int maxPending) {
        super(host + ": all " + maxConnections + " connections are busy and " + maxPending
                + " requests already wait for one (raise maxConnectionsPerHost or maxPendingRequestsPerHost on the "
                + "builder, or send less at once)");
        this.host = host;
        this.maxPending = maxPending;
    }

    /**
     * The coordinator whose connections were all busy.
     *
     * @return the host; {@code null} after deserialization, as it is not serialized
     */
    public Host host() {
        return host;
    }

    /**
     * How many requests may wait for a connection to the coordinator.
     *
     * @return the transport's {@code maxPendingRequestsPerHost}
     */
    public int maxPending() {
        return maxPending;
    }
}
