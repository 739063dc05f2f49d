package io.aioarango.core.internal;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.NoHostAvailableException;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.transport.spi.support.DaemonThreads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits that ask the cluster again and again until an answer says it is done, such as an agency job's end:
 * each question after a pause that doubles from {@code first} up to {@code max}, but never more than half the
 * time left to the deadline, which bounds the whole wait; no pause is shorter than {@code first}. No thread
 * waits: the pauses and the deadline run on one timer thread of the client's, started with the first wait and
 * ended when it has been idle a while or when the client closes, and every step (asking, deciding, completing
 * the caller's future) is handed to the client's completion executor, so that a caller's slow callback never
 * holds up the timer. Closing fails every wait still running.
 *
 * <p>Time is read from a clock of nanoseconds ({@link System#nanoTime()} unless one is given) and the timer
 * is made by a factory, so that a test can drive both by hand and see the exact pauses and deadline.
 */
public final class Polling {
    private static final long IDLE_SECONDS = 30;
    /** The longest wait: a timeout beyond a century (which nanoseconds cannot hold for long) waits a century. */
    private static final Duration LONGEST_WAIT = Duration.ofDays(36_500);

    private final Executor completion;
    private final long firstNanos;
    private final long maxNanos;
    private final LongSupplier nanoTime;
    private final Supplier<ScheduledExecutorService> timers;
    private final Set<CompletableFuture<?>> waits = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;    // guarded by this; made with the first wait
    private boolean closed;                    // guarded by this

    /**
     * @param completion where every step runs (the client's completion executor)
     * @param first      the pause before the second question
     * @param max        the longest pause
     */
    public Polling(Executor completion, Duration first, Duration max) {
        this(completion, first, max, System::nanoTime, Polling::timerThread);
    }

    /**
     * @param nanoTime the clock pauses and deadlines are measured on, in nanoseconds
     * @param timers   makes the timer, with the first wait; {@link #close()} shuts it down
     */
    Polling(Executor completion, Duration first, Duration max, LongSupplier nanoTime,
            Supplier<ScheduledExecutorService> timers) {
        this.completion = completion;
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
        this.nanoTime = nanoTime;
        this.timers = timers;
    }

    /** One daemon thread that ends when it has been idle a while, so that an idle client holds no thread. */
    private static ScheduledExecutorService timerThread() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("aioarango-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /** Now, on the clock the deadlines of {@link #until} are read on. */
    long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** The deadline of a wait of {@code timeout} (positive) from now, on {@link #nanoTime()}. */
    long deadlineAfter(Duration timeout) {
        return nanoTime() + (timeout.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : timeout).toNanos();
    }

    /** What a wait fails with when its deadline passes, from the last answer and the last failure (each may be null). */
    @FunctionalInterface
    interface Expiry<T> extends BiFunction<T, Throwable, RuntimeException> {
    }

    /**
     * Asks until {@code done} holds for an answer.
     *
     * @param ask           sends the question; called once at once and once after each pause
     * @param done          whether an answer ends the wait; what it throws ends the wait with that failure
     * @param deadlineNanos the {@link #nanoTime()} at which the wait fails with {@code expiry}'s exception
     * @return the future of the answer that was done; cancelling it cancels the question in flight
     */
    <T> CompletableFuture<T> until(Supplier<CompletableFuture<T>> ask, Predicate<T> done, long deadlineNanos,
            Expiry<T> expiry) {
        Wait<T> wait = new Wait<>(ask, done, deadlineNanos, expiry);
        wait.start();
        return wait.result;
    }

    /**
     * Whether asking again later may succeed: no coordinator could answer this time (connection failures,
     * timeouts, a full queue, 503). Any other failure is the answer.
     */
    static boolean isTransient(Throwable failure) {
        return failure instanceof ArangoConnectionException || failure instanceof ArangoTimeoutException
                || failure instanceof NoHostAvailableException || failure instanceof RequestQueueFullException
                || failure instanceof ArangoServerException server && server.status() == 503;
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Fails every running wait and ends the timer thread; idempotent. */
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            closed = true;
            stopping = timer;
            timer = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
        }
        waits.forEach(wait -> wait.completeExceptionally(RequestExecutor.closedError()));
    }

    /** Runs {@code task} on the completion executor after {@code delayNanos}; null when the client is closed. */
    private ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        ScheduledExecutorService executor;
        synchronized (this) {
            if (closed) {
                return null;
            }
            if (timer == null) {
                timer = timers.get();
            }
            executor = timer;
        }
        try {
            return executor.schedule(() -> hand(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // closed meanwhile
        }
    }

    /** Runs {@code task} on the completion executor, or here when it refuses (the client is closing). */
    private void hand(Runnable task) {
        try {
            completion.execute(task);
        } catch (Throwable e) {
            task.run();
        }
    }

    /** One wait: one question in flight at most, a pause between two. */
    private final class Wait<T> {
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final Supplier<CompletableFuture<T>> ask;
        private final Predicate<T> done;
        private final long deadlineNanos;
        private final Expiry<T> expiry;
        private long pauseNanos = firstNanos; // only touched by the step that received an answer
        private volatile T last;
        private volatile Throwable lastFailure;
        private volatile CompletableFuture<T> asking;
        private volatile ScheduledFuture<?> next;
        private volatile ScheduledFuture<?> deadline;

        Wait(Supplier<CompletableFuture<T>> ask, Predicate<T> done, long deadlineNanos, Expiry<T> expiry) {
            this.ask = ask;
            this.done = done;
            this.deadlineNanos = deadlineNanos;
            this.expiry = expiry;
        }

        void start() {
            waits.add(result);
            result.whenComplete((value, failure) -> stop());
            deadline = schedule(this::expire, deadlineNanos - nanoTime());
            if (deadline == null) {
                result.completeExceptionally(RequestExecutor.closedError());
                return;
            }
            askNow();
        }

        private void askNow() {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<T> question;
            try {
                question = ask.get();
            } catch (Throwable e) {
                result.completeExceptionally(e);
                return;
            }
            asking = question;
            if (result.isDone()) {
                question.cancel(false); // cancelled or expired while the question was sent
            }
            question.whenComplete(this::answered);
        }

        private void answered(T value, Throwable failed) {
            try {
                if (result.isDone()) {
                    return;
                }
                if (failed == null) {
                    last = value;
                    if (done.test(value)) {
                        result.complete(value);
                        return;
                    }
                } else {
                    Throwable failure = unwrap(failed);
                    if (!isTransient(failure)) {
                        result.completeExceptionally(failure);
                        return;
                    }
                    lastFailure = failure;
                }
                long remaining = deadlineNanos - nanoTime();
                if (remaining <= 0) {
                    expire();
                    return;
                }
                // Each question leaves its answer time to arrive before the deadline: a pause is at most half
                // the time left. Once that is shorter than the first pause, nothing more is asked, and the
                // deadline's own task ends the wait with what was seen last; a question at the deadline
                // could change nothing and would reach the server after the wait ended.
                long pause = Math.min(pauseNanos, remaining / 2);
                if (pause < firstNanos) {
                    return;
                }
                pauseNanos = Math.min(pauseNanos * 2, maxNanos);
                next = schedule(this::askNow, pause);
                if (next == null) {
                    result.completeExceptionally(RequestExecutor.closedError());
                }
            } catch (Throwable e) { // done's own failure (a failed job), or anything else: the caller hears
                result.completeExceptionally(e);
            }
        }

        private void expire() {
            if (!result.isDone()) {
                try {
                    result.completeExceptionally(expiry.apply(last, lastFailure));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }
        }

        /** The wait ended, however: nothing of it is left scheduled or in flight. */
        private void stop() {
            waits.remove(result);
            cancel(deadline);
            cancel(next);
            CompletableFuture<T> question = asking;
            if (question != null) {
                question.cancel(false);
            }
        }

        private void cancel(ScheduledFuture<?> task) {
            if (task != null) {
                task.cancel(false);
            }
        }
    }
}
