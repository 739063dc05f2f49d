package io.aioarango.transport.spi.support;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.TransportResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The futures a transport session has handed out and not yet completed: each bounded by the request
 * timeout (the whole exchange, waiting for a connection and reading the body included), and all failed
 * when the session closes. Shared by the transports so that they keep these rules alike.
 *
 * <p>The deadline and the close sweep are the last resort that ends a caller's future whatever else
 * went wrong, so neither lets a {@link Throwable} stop it (see {@link Completions#fail}).
 */
public final class PendingExchanges {
    private final Host host;
    private final Duration timeout;
    private final DeadlineTimer timer;
    private final Set<CompletableFuture<TransportResponse>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the set for one session.
     *
     * @param host    the session's coordinator, named in the failures
     * @param timeout the request timeout, bounding each exchange from {@link #begin()} on
     * @param timer   runs the deadlines; the caller owns it, this class never shuts it down
     */
    public PendingExchanges(Host host, Duration timeout, ScheduledExecutorService timer) {
        this(host, timeout, DeadlineTimer.of(timer));
    }

    /**
     * Creates the set for one session, with deadlines on a timer of the transport's choice.
     *
     * @param host    the session's coordinator, named in the failures
     * @param timeout the request timeout, bounding each exchange from {@link #begin()} on
     * @param timer   runs the deadlines; the caller owns it, this class never stops it
     */
    public PendingExchanges(Host host, Duration timeout, DeadlineTimer timer) {
        this.host = host;
        this.timeout = timeout;
        this.timer = timer;
    }

    /**
     * The future of a new exchange: failed at once when the session is closed, failed with
     * {@link ArangoTimeoutException} when the timeout passes first. Check {@code isDone()} before
     * starting the exchange.
     *
     * @return the future to hand to the caller; already failed when the session is closed or the timer
     *         refused the deadline
     */
    public CompletableFuture<TransportResponse> begin() {
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        if (closed.get()) {
            Completions.fail(result, this::closedError);
            return result;
        }
        pending.add(result);
        Deadline deadline = new Deadline(result);
        try {
            deadline.cancellable = timer.schedule(deadline, timeout.toNanos());
        } catch (Throwable e) {
            // Without a deadline nothing would bound this exchange: do not start it.
            pending.remove(result);
            Completions.fail(result, () -> e instanceof RejectedExecutionException ? closedError()
                    : new ArangoConnectionException(host, "could not start the request: " + Completions.describe(e),
                            false, e));
            return result;
        }
        // Most exchanges end long before their deadline: take it off the timer at once.
        result.whenComplete(deadline);
        if (closed.get()) {
            // close() raced with us and may have swept `pending` before our future was in it.
            Completions.fail(result, this::closedError);
        }
        return result;
    }

    /**
     * One exchange's deadline, in one object: the timer's task, the timeout it fails the exchange with,
     * and, once the exchange ends, its removal from the pending set and the timer.
     */
    private final class Deadline implements Runnable, Supplier<Throwable>, BiConsumer<TransportResponse, Throwable> {
        private final CompletableFuture<TransportResponse> result;
        /** Set before {@link #accept} can run: the future's completion publishes it. */
        private DeadlineTimer.Cancellable cancellable;

        Deadline(CompletableFuture<TransportResponse> result) {
            this.result = result;
        }

        @Override
        public void run() {
            Completions.fail(result, this);
        }

        @Override
        public Throwable get() {
            return new ArangoTimeoutException(host, timeout, null);
        }

        @Override
        public void accept(TransportResponse response, Throwable failure) {
            pending.remove(result);
            cancellable.cancel();
        }
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closing began
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Fails every pending future; returns false if already closed. Stop starting queued requests before
     * calling it: each failure frees a connection, which must not go to a request still waiting.
     *
     * @return {@code true} on the first call, {@code false} if already closed
     */
    public boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        // The key set's iterator tolerates the removals that each completion makes, and copies nothing.
        for (CompletableFuture<TransportResponse> future : pending) {
            Completions.fail(future, () -> new ArangoConnectionException(host,
                    "session closed while the request was pending", true, null));
        }
        return true;
    }

    /**
     * The failure of a request on a closed session: nothing was sent.
     *
     * @return a new exception, with {@link ArangoConnectionException#requestSent()} {@code false}
     */
    public ArangoConnectionException closedError() {
        return new ArangoConnectionException(host, "session closed", false, null);
    }
}
