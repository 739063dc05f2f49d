package io.aioarango.core.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The future a call hands to the caller. Cancelling it (or failing it with a
 * {@link CancellationException}) cancels the request: the attempts in flight are abandoned and their
 * connections freed, and no further attempt is made. A subclass rather than a listener: no stage is
 * added to every call for the rare cancel.
 */
final class CallFuture<T> extends CompletableFuture<T> {
    private final Exchange<T> exchange;

    CallFuture(Exchange<T> exchange) {
        this.exchange = exchange;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        exchange.cancel();
        return cancelled;
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        boolean completed = super.completeExceptionally(failure);
        if (completed && failure instanceof CancellationException) {
            exchange.cancel();
        }
        return completed;
    }
}
