package io.aioarango.transport.spi.support;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Host;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Ends a caller's future even when something goes wrong while doing so: every path that completes a
 * caller's future must survive any {@link Throwable}, an {@link OutOfMemoryError} while building the
 * failure's message included, or the future would stay incomplete forever.
 */
public final class Completions {
    private Completions() {
    }

    /**
     * Fails {@code future} with what {@code failure} builds; if building it throws, fails the future with
     * that instead, so that the caller hears of it in any case. Does nothing when the future is already
     * complete, and then does not call {@code failure}.
     *
     * @param future  the caller's future
     * @param failure builds the failure; called at most once
     */
    public static void fail(CompletableFuture<?> future, Supplier<? extends Throwable> failure) {
        if (future.isDone()) {
            return;
        }
        Throwable error;
        try {
            error = failure.get();
        } catch (Throwable e) {
            error = e;
        }
        try {
            future.completeExceptionally(error);
        } catch (Throwable e) {
            future.completeExceptionally(e);
        }
    }

    /**
     * Fails a request the transport could not turn into its own, before anything was sent: a
     * {@link RuntimeException} is the caller's request that is wrong (e.g. a header value the library
     * refuses) and fails it as it is; anything else becomes an {@link ArangoConnectionException} that says
     * the request was not sent.
     *
     * @param future  the caller's future
     * @param host    the coordinator, named in the failure
     * @param failure what building the request threw
     */
    public static void failUnbuilt(CompletableFuture<?> future, Host host, Throwable failure) {
        if (failure instanceof RuntimeException) {
            future.completeExceptionally(failure);
        } else {
            fail(future, () -> new ArangoConnectionException(host, "could not build the request: "
                    + describe(failure), false, failure));
        }
    }

    /**
     * Describes a throwable for a failure message.
     *
     * @param failure the throwable
     * @return its message in lower case, or its simple class name when the message is {@code null} or blank
     */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName()
                : message.toLowerCase(Locale.ROOT);
    }
}
