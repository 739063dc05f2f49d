package io.aioarango.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A clock of nanoseconds that moves only when the test advances it, and the timer that runs, on the test's
 * thread, what falls due on it: a test of pauses, deadlines and back-offs sees their exact times and never
 * waits on the wall clock.
 */
final class ManualClock extends AbstractExecutorService implements ScheduledExecutorService, LongSupplier {
    private final PriorityQueue<Task<?>> scheduled = new PriorityQueue<>(); // guarded by this
    private long now;                                                       // guarded by this
    private long order;                                                     // guarded by this
    private boolean shutdown;                                               // guarded by this

    @Override
    public synchronized long getAsLong() {
        return now;
    }

    /** The time passed since the clock started. */
    synchronized Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /** Moves the clock on by {@code step}, running each task that falls due at its own time, in time order. */
    void advance(Duration step) {
        long until;
        synchronized (this) {
            until = now + step.toNanos();
        }
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = scheduled.peek();
                if (next == null || next.at > until) {
                    now = until;
                    return;
                }
                scheduled.poll();
                now = next.at;
            }
            next.runOnce(); // outside the lock: a task may schedule the next one
        }
    }

    /** The delays, from now, of the tasks still to run, soonest first. */
    synchronized List<Duration> pending() {
        List<Duration> delays = new ArrayList<>();
        scheduled.stream().sorted().forEach(task -> delays.add(Duration.ofNanos(task.at - now)));
        return delays;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Task<Void>(command, null, unit.toNanos(delay), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Task<>(callable, unit.toNanos(delay)));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduleWithFixedDelay(command, initialDelay, period, unit); // the same, as tasks take no time here
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(new Task<Void>(command, null, unit.toNanos(initialDelay), unit.toNanos(delay)));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    private synchronized <V> Task<V> add(Task<V> task) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        task.at = now + Math.max(0, task.delayNanos);
        task.order = order++;
        scheduled.add(task);
        return task;
    }

    private synchronized void remove(Task<?> task) {
        scheduled.remove(task);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(scheduled);
        scheduled.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    /** A task due at {@code at} on the clock; a periodic one is due again {@code periodNanos} after it ran. */
    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long delayNanos;
        private final long periodNanos;
        private long at;    // guarded by the clock
        private long order; // guarded by the clock: tasks due at once run in the order they were scheduled

        Task(Runnable command, V result, long delayNanos, long periodNanos) {
            super(command, result);
            this.delayNanos = delayNanos;
            this.periodNanos = periodNanos;
        }

        Task(Callable<V> callable, long delayNanos) {
            super(callable);
            this.delayNanos = delayNanos;
            this.periodNanos = 0;
        }

        void runOnce() {
            if (periodNanos == 0) {
                run();
            } else if (runAndReset()) {
                synchronized (ManualClock.this) {
                    if (!shutdown) {
                        at = now + periodNanos;
                        scheduled.add(this);
                    }
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            remove(this); // as a timer with remove-on-cancel: a cancelled task is no longer pending
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (ManualClock.this) {
                return unit.convert(at - now, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int byTime = Long.compare(at, that.at);
            return byTime != 0 ? byTime : Long.compare(order, that.order);
        }
    }
}
