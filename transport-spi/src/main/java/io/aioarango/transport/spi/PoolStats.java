package io.aioarango.transport.spi;

/**
 * A snapshot of one session's connection pool.
 *
 * @param active  connections carrying at least one request now
 * @param idle    open connections carrying none
 * @param pending requests waiting for a connection (HTTP/1.1) or a stream (HTTP/2)
 * @param streams requests on the wire now: one per active connection over HTTP/1.1, any number per
 *                connection over HTTP/2
 */
public record PoolStats(int active, int idle, int pending, int streams) {

    /**
     * A pool whose connections carry one request at a time (HTTP/1.1): as many streams as active connections.
     *
     * @param active  connections carrying a request now
     * @param idle    open connections waiting for a request
     * @param pending requests waiting for a connection
     */
    public PoolStats(int active, int idle, int pending) {
        this(active, idle, pending, active);
    }
}
