package io.aioarango.api.spi;

/**
 * A snapshot of one session's connection pool.
 *
 * @param active  connections carrying a request now
 * @param idle    open connections waiting for a request
 * @param pending requests waiting for a connection
 */
public record PoolStats(int active, int idle, int pending) {
}
