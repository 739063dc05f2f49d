package io.aioarango.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether one coordinator is up. A connection-level failure, or a run of slow attempts (an ejection), marks
 * it down for a back-off that doubles with each failed probe up to a maximum. While it is down no user
 * request goes to it (unless every coordinator is down): a probe of the client's own asks it once the
 * back-off has passed ({@link HealthWatch}). An answer to a request sent after it went down (while every
 * coordinator was down), or to its probe, marks it up again.
 */
final class HostHealth {
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private long downSince;   // System.nanoTime() of the first failure; meaningful while down
    private long retryAt;     // when a probe may go out
    private long backoff;     // 0 while up
    private boolean probing;  // the client's probe is in flight
    private boolean probeScheduled; // the client's probe is scheduled: one chain of probes per host, never two
    private volatile boolean down; // read without the lock on every request to a healthy host
    /** Slow attempts in a row (overtaken by a hedge, timed out, answered far too late); reset by a timely answer. */
    private volatile int slowInARow;
    /** Down for being slow, not for being unreachable; guarded by this. */
    private boolean ejected;
    /** How many coordinators of the client are down, this one included while down and not detached. */
    private final AtomicInteger downCount;
    private boolean detached; // no longer counted: its coordinator left the client

    HostHealth(Duration initialBackoff, Duration maxBackoff, AtomicInteger downCount) {
        this.initialBackoffNanos = initialBackoff.toNanos();
        this.maxBackoffNanos = maxBackoff.toNanos();
        this.downCount = downCount;
    }

    /** Its coordinator left the client: it counts no more among those down. */
    synchronized void detach() {
        if (!detached && down) {
            downCount.decrementAndGet();
        }
        detached = true;
    }

    boolean isUp() {
        return !down;
    }

    /** Claims the right to send a user's request to this host now: only while it is up. */
    boolean claim() {
        return !down;
    }

    /**
     * Claims the probe of a host that is down, once its back-off has passed and no other probe is out.
     *
     * @return whether the caller probes it now
     */
    synchronized boolean claimProbe(long now) {
        if (!down || probing || now - retryAt < 0) {
            return false;
        }
        probing = true;
        return true;
    }

    /** Whether the client's probe is in flight. */
    synchronized boolean isProbing() {
        return probing;
    }

    synchronized long downSince() {
        return downSince;
    }

    /** The nanoseconds from {@code now} until a probe may go out; 0 or less when it may go now. */
    synchronized long untilProbe(long now) {
        return retryAt - now;
    }

    /**
     * Claims the scheduling of the next probe: there is one chain of probes per host at a time.
     *
     * @return whether the caller schedules it
     */
    synchronized boolean claimProbeSchedule() {
        if (probeScheduled) {
            return false;
        }
        probeScheduled = true;
        return true;
    }

    /** The scheduled probe task runs: the next one may be scheduled again. */
    synchronized void probeTaskRan() {
        probeScheduled = false;
    }

    /**
     * A connection-level failure or an ejection. The back-off does not grow: the requests in flight when a
     * host dies, failing together, count as one failure; only a failed probe doubles it.
     *
     * @return true when this failure took the host down (it was up)
     */
    synchronized boolean markDown(long now) {
        boolean wasUp = backoff == 0;
        if (wasUp) {
            downSince = now;
            backoff = initialBackoffNanos;
            retryAt = now + backoff;
        }
        slowInARow = 0;
        if (!down && !detached) {
            downCount.incrementAndGet();
        }
        down = true;
        return wasUp;
    }

    /** The client's probe failed: the back-off doubles, up to the maximum. */
    synchronized void probeFailed(long now) {
        if (down) {
            backoff = Math.min(backoff * 2, maxBackoffNanos);
            retryAt = now + backoff;
        }
        probing = false;
    }

    /**
     * An answer to an attempt sent at {@code started}: it brings the host back only if the attempt was sent
     * after the host went down, so that late answers to attempts already in flight when it was ejected do
     * not undo the ejection.
     *
     * @return true when this answer brought the host back (it was down)
     */
    boolean markUp(long started) {
        if (!down) {
            return false;
        }
        synchronized (this) {
            return started - downSince >= 0 && markUp();
        }
    }

    /** @return true when this brought the host back (it was down) */
    boolean markUp() {
        if (!down) {
            return false;
        }
        synchronized (this) {
            boolean wasDown = backoff != 0;
            backoff = 0;
            probing = false;
            ejected = false;
            if (down && !detached) {
                downCount.decrementAndGet();
            }
            down = false;
            return wasDown;
        }
    }

    /**
     * One more slow attempt in a row.
     *
     * @return how many in a row now
     */
    synchronized int slow() {
        return ++slowInARow;
    }

    /** Slow attempts in a row now. */
    int slowInARow() {
        return slowInARow;
    }

    /**
     * Takes the host out for being slow, as {@link #markDown} does.
     *
     * @return true when this took the host down (it was up)
     */
    synchronized boolean eject(long now) {
        boolean wasUp = markDown(now);
        ejected = wasUp || ejected;
        return wasUp;
    }

    /** Whether the host is down for being slow (ejected) rather than unreachable. */
    synchronized boolean isEjected() {
        return down && ejected;
    }

    /** A timely answer: the run of slow attempts is over. Writes only when there was one, to spare the cache line. */
    void timely() {
        if (slowInARow != 0) {
            synchronized (this) {
                slowInARow = 0;
            }
        }
    }

    /** The current back-off, zero while up. */
    synchronized Duration backoff() {
        return Duration.ofNanos(backoff);
    }
}
