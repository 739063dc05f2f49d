package io.aioarango.api.spi;

import io.aioarango.api.Host;
import io.aioarango.api.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP session (connection pool) of one coordinator.
 *
 * <p>{@link #send(HttpRequest)} returns at once and never blocks. The future completes with the
 * response whatever its status, or fails with {@link io.aioarango.api.ArangoConnectionException} (saying
 * whether the request may have been sent), {@link io.aioarango.api.ArangoTimeoutException},
 * {@link io.aioarango.api.ResponseTooLargeException} or {@link io.aioarango.api.RequestQueueFullException}.
 * Cancelling the future abandons the request and frees its connection.
 */
public interface HttpSession extends AutoCloseable {

    /** The coordinator this session talks to. */
    Host host();

    /** Sends {@code request} to {@link #host()}. */
    CompletableFuture<HttpResponse> send(HttpRequest request);

    /**
     * The session's connection pool now, for transports whose pool can be observed; empty otherwise.
     * Cheap enough to be read by a metrics gauge.
     */
    default Optional<PoolStats> poolStats() {
        return Optional.empty();
    }

    /** Fails the pending requests and releases the session's connections. Idempotent. */
    @Override
    void close();
}
