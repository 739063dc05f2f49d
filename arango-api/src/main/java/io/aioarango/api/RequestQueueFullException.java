package io.aioarango.api;

/**
 * Every connection to a coordinator was busy and the queue of requests waiting for one was full. The
 * request was not sent.
 */
public class RequestQueueFullException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final transient Host host;
    private final int maxPending;

    public RequestQueueFullException(Host host, int maxConnections, int maxPending) {
        super(host + ": all " + maxConnections + " connections are busy and " + maxPending
                + " requests already wait for one (raise maxConnectionsPerHost or maxPendingRequestsPerHost on the "
                + "builder, or send less at once)");
        this.host = host;
        this.maxPending = maxPending;
    }

    public Host host() {
        return host;
    }

    public int maxPending() {
        return maxPending;
    }
}
