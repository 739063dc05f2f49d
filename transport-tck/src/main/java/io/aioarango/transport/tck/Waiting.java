package io.aioarango.transport.tck;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition to hold, checking it often, instead of sleeping for a guessed time. */
public final class Waiting {
    /** How long a condition is checked before the test fails. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private Waiting() {
    }

    /**
     * The future's result, waiting at most {@code wait}.
     *
     * @param future the future
     * @param wait   how long to wait
     * @param <T>    the result's type
     * @return its result
     * @throws AssertionError if the future failed or did not complete in time
     */
    public static <T> T result(CompletableFuture<T> future, Duration wait) {
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the future did not complete within " + wait, e);
        }
    }

    /**
     * Returns as soon as {@code condition} holds; fails the test, saying {@code what}, after {@link #WAIT}.
     *
     * @param what      what is awaited, for the failure message
     * @param condition checked every 2 ms or so, on the caller's thread
     * @throws AssertionError if {@code condition} does not hold within {@link #WAIT}
     */
    public static void eventually(String what, BooleanSupplier condition) {
        eventually(() -> what, condition);
    }

    /**
     * Like {@link #eventually(String, BooleanSupplier)}, {@code what} built only on failure.
     *
     * @param what      builds the failure message's description of what is awaited
     * @param condition checked every 2 ms or so, on the caller's thread
     * @throws AssertionError if {@code condition} does not hold within {@link #WAIT}
     */
    public static void eventually(Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + WAIT + ": " + what.get());
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
