package io.aioarango.benchmarks;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Keeps exactly {@code concurrency} requests of one contender in flight: each completion records its latency
 * and sends the next request from the thread that completed it. A failed request is counted, and its slot sends
 * again 1 ms later from the runner's scheduler, so that a contender failing at once cannot spin a thread. Every
 * failure (its cause, without the {@code CompletionException} around it) is also given to an optional listener.
 */
final class ClosedLoop {
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Contender contender;
    private final int concurrency;
    private final ScheduledExecutorService retries;
    private final Recorder recorder = new Recorder(1, MAX_LATENCY_NANOS, 3);
    private final LongAdder completed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private final AtomicInteger active = new AtomicInteger();
    private final Consumer<Throwable> failures;
    private volatile boolean running = true;

    ClosedLoop(Contender contender, int concurrency, ScheduledExecutorService retries) {
        this(contender, concurrency, retries, failure -> { });
    }

    ClosedLoop(Contender contender, int concurrency, ScheduledExecutorService retries, Consumer<Throwable> failures) {
        this.contender = contender;
        this.concurrency = concurrency;
        this.retries = retries;
        this.failures = failures;
    }

    /**
     * The scheduler a loop's failed slots send again from: one daemon thread.
     *
     * @param threadName its thread's name
     * @return a new scheduler; shut it down when done
     */
    static ScheduledExecutorService retryScheduler(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        active.set(concurrency);
        for (int i = 0; i < concurrency; i++) {
            fire();
        }
    }

    private void fire() {
        // A loop rather than recursion for futures that are already complete when they are returned.
        while (true) {
            if (!running) {
                active.decrementAndGet();
                return;
            }
            long start = System.nanoTime();
            CompletableFuture<String> future;
            try {
                future = contender.serverId();
            } catch (Throwable t) {
                future = CompletableFuture.failedFuture(t);
            }
            if (!future.isDone()) {
                future.whenComplete((id, failure) -> {
                    if (done(start, id, failure)) {
                        fire();
                    } else {
                        retryLater();
                    }
                });
                return;
            }
            String id = null;
            Throwable failure = null;
            try {
                id = future.getNow(null);
            } catch (CompletionException | CancellationException e) {
                failure = e;
            }
            if (!done(start, id, failure)) {
                retryLater();
                return;
            }
        }
    }

    private void retryLater() {
        try {
            retries.schedule(this::fire, 1, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            active.decrementAndGet();
        }
    }

    /** Records one completion; {@code false} for a failure. */
    private boolean done(long start, String id, Throwable failure) {
        long latency = System.nanoTime() - start;
        if (failure == null && id != null) {
            recorder.recordValue(Math.min(latency, MAX_LATENCY_NANOS));
            completed.increment();
            return true;
        }
        errors.increment();
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        Throwable error = cause == null ? new IllegalStateException("the answer had no id") : cause;
        firstError.compareAndSet(null, error);
        failures.accept(error);
        return false;
    }

    long completed() {
        return completed.sum();
    }

    long errors() {
        return errors.sum();
    }

    Throwable firstError() {
        return firstError.get();
    }

    /** The latencies recorded since the last call, and a fresh interval from now on. */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    /**
     * Stops sending and waits for the requests in flight to end.
     *
     * @param timeoutMillis how long to wait at most
     * @return {@code true} if none is left in flight
     * @throws InterruptedException if interrupted while waiting
     */
    boolean stop(long timeoutMillis) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (active.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return active.get() <= 0;
    }
}
