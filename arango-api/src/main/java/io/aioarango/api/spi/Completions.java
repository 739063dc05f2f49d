package io.aioarango.api.spi;

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
     * that instead, so that the caller hears of it in any case.
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

    /** A throwable's message in lower case, or its simple class name when it has none, for failure messages. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName()
                : message.toLowerCase(Locale.ROOT);
    }
}
