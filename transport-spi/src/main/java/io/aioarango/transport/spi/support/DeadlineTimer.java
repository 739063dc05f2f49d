package io.aioarango.transport.spi.support;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the deadline of each exchange ({@link PendingExchanges}). Almost every deadline is cancelled long
 * before it is due, so a transport with many requests in flight wants a timer for which scheduling and
 * cancelling are cheap from any thread, such as a timing wheel, rather than an event loop's task queue.
 */
@FunctionalInterface
public interface DeadlineTimer {

    /**
     * Runs {@code task} once, {@code delayNanos} from now or a little later.
     *
     * @param task       the deadline's action; it must not block
     * @param delayNanos the delay in nanoseconds
     * @return the handle that cancels the task; cancelling after it ran does nothing
     * @throws java.util.concurrent.RejectedExecutionException if the timer is stopped
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /** Cancels one scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run; does nothing otherwise. */
        void cancel();
    }

    /**
     * A timer on a {@link ScheduledExecutorService}.
     *
     * @param executor runs the tasks; the caller owns it
     * @return the timer
     */
    static DeadlineTimer of(ScheduledExecutorService executor) {
        return (task, delayNanos) -> {
            ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
