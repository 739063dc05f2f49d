package io.aioarango.transport.spi;

import io.aioarango.api.Host;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP session (connection pool) of one coordinator.
 *
 * <p>{@link #send(TransportRequest)} returns at once and never blocks. The future completes exactly once,
 * whatever the server does (stalls, truncates, answers too much or not HTTP at all) and whatever goes wrong
 * while reading (an {@link Error} included): with the response whatever its status, or with one of the
 * SDK's exceptions, never a parser's or socket's own:
 * <ul>
 * <li>{@link io.aioarango.api.ArangoConnectionException}, saying whether the request may have been sent:
 *     {@code false} for a refused or timed out connect, an unknown host, a closed session; {@code true}
 *     once it may have left, e.g. for a connection broken mid-answer or a malformed answer (its message
 *     then starts with {@code invalid response:} and says what was wrong);</li>
 * <li>{@link io.aioarango.api.ArangoTimeoutException} when the request timeout passed first;</li>
 * <li>{@link io.aioarango.api.ResponseTooLargeException} for a body or headers over their limit, or a body
 *     the heap could not hold ({@code limitName()} names the setting);</li>
 * <li>{@link io.aioarango.api.RequestQueueFullException} when too many requests already wait.</li>
 * </ul>
 * Only a request the caller built wrong (e.g. a header value a transport refuses) fails with
 * {@link IllegalArgumentException}, before anything is sent. An exchange that did not end with a whole
 * answer closes its connection rather than leave it open or reuse it. Informational answers (1xx) are
 * skipped; {@code 101 Switching Protocols}, never asked for, fails at once. Cancelling the future abandons
 * the request and frees its connection.
 */
public interface HttpSession extends AutoCloseable {

    /**
     * The coordinator this session talks to.
     *
     * @return the host
     */
    Host host();

    /**
     * Sends {@code request} to {@link #host()}.
     *
     * @param request the request
     * @return a future that completes exactly once, with the response whatever its status or with one of
     *         the failures listed above
     */
    CompletableFuture<TransportResponse> send(TransportRequest request);

    /**
     * The HTTP version the session speaks now, as the {@code protocol} tag of the client's metrics.
     *
     * @return {@code "http1"} (the default) or {@code "h2"}; {@code "auto"} while a session that negotiates
     *         has not yet learnt which
     */
    default String protocol() {
        return "http1";
    }

    /**
     * The session's connection pool now, for transports whose pool can be observed; empty otherwise.
     * Cheap enough to be read by a metrics gauge.
     *
     * @return a snapshot of the pool; empty by default
     */
    default Optional<PoolStats> poolStats() {
        return Optional.empty();
    }

    /** Fails the pending requests and releases the session's connections. Idempotent. */
    @Override
    void close();
}
