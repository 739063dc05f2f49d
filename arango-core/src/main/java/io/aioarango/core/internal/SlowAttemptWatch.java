package io.aioarango.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Looks at every request in flight a few times a second, so that one left unanswered is hedged, or its
 * coordinator told slow, without a timer per request: a request joins with one compare-and-set on a
 * stack that it is itself a node of, and the watch's own thread does the rest. Almost every request has
 * ended by the first look and costs nothing more.
 */
final class SlowAttemptWatch {
    private static final System.Logger LOG = System.getLogger(SlowAttemptWatch.class.getName());
    /** How often the requests in flight are looked at: a hedge goes out at most this much late. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** A request the watch looks at until it ends; the link is the watch's, set before it is published. */
    abstract static class Watched {
        Watched nextWatched;

        /**
         * Compares the request's attempt with the clock; runs on the watch's thread.
         *
         * @return false once the request has ended and needs watching no more
         */
        abstract boolean check(long now);
    }

    private final AtomicReference<Watched> arrivals = new AtomicReference<>();
    private final List<Watched> watching = new ArrayList<>(); // the watch's thread only
    /**
     * A tick this late means the client itself stood still (a long GC pause, a starved machine): every
     * request in flight then looks slow, though no coordinator is to blame.
     */
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Hedges allowed: one for each ten requests seen, and a burst of ten, so that hedging cannot double the load. */
    private static final int REQUESTS_PER_HEDGE = 10;
    private static final int HEDGE_BURST = 10;
    /** How often the counts of the hedge budget halve, so that it follows the recent load. */
    private static final long BUDGET_HALF_LIFE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ScheduledFuture<?> ticks;
    private long lastTick = System.nanoTime(); // the watch's thread only, as the budget's counts below
    private long budgetAgedAt = lastTick;
    private long requestsSeen;
    private long hedgesTaken;
    private volatile long lastPause = lastTick - Long.MAX_VALUE / 2;

    SlowAttemptWatch(ScheduledExecutorService timer) {
        this.ticks = timer.scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    void watch(Watched request) {
        Watched head;
        do {
            head = arrivals.get();
            request.nextWatched = head;
        } while (!arrivals.compareAndSet(head, request));
    }

    private void tick() {
        try {
            for (Watched arrived = arrivals.getAndSet(null); arrived != null; ) {
                Watched next = arrived.nextWatched;
                arrived.nextWatched = null;
                watching.add(arrived);
                requestsSeen++;
                arrived = next;
            }
            long now = System.nanoTime();
            if (now - budgetAgedAt > BUDGET_HALF_LIFE_NANOS) {
                budgetAgedAt = now;
                requestsSeen /= 2;
                hedgesTaken /= 2;
            }
            if (now - lastTick > PAUSE_NANOS + TICK_NANOS) {
                lastPause = now;
            }
            lastTick = now;
            for (int i = watching.size() - 1; i >= 0; i--) {
                if (!check(watching.get(i), now)) {
                    int last = watching.size() - 1;
                    watching.set(i, watching.get(last)); // order does not matter: every one is looked at
                    watching.remove(last);
                }
            }
        } catch (Throwable e) { // a tick that throws would end the schedule: log, and look again next time
            LOG.log(System.Logger.Level.WARNING, "Looking at the requests in flight failed", e);
        }
    }

    /**
     * Whether the client stood still since {@code started} (a {@link System#nanoTime()}): an attempt in flight
     * across a pause of the client's own says nothing of its coordinator.
     */
    boolean pausedSince(long started) {
        return lastPause - started > 0;
    }

    /**
     * Takes one hedge from the budget; called by a request's {@link Watched#check}, on the watch's thread.
     *
     * @return false when the recent hedges are already a tenth of the recent requests (and a burst)
     */
    boolean takeHedge() {
        if (hedgesTaken >= requestsSeen / REQUESTS_PER_HEDGE + HEDGE_BURST) {
            return false;
        }
        hedgesTaken++;
        return true;
    }

    /** The {@link System#nanoTime()} at which the client was last seen to have stood still. */
    long lastPause() {
        return lastPause;
    }

    private static boolean check(Watched request, long now) {
        try {
            return request.check(now);
        } catch (Throwable e) { // e.g. the user's resolver, picking a hedge's coordinator: that request is left alone
            LOG.log(System.Logger.Level.WARNING, "Looking at a request in flight failed", e);
            return false;
        }
    }

    void close() {
        ticks.cancel(false);
    }
}
