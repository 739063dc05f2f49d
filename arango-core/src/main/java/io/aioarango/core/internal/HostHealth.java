package io.aioarango.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether one coordinator is up. A connection-level failure marks it down for a back-off that doubles
 * with each further failure up to a maximum; once the back-off has passed, one request may probe it. Any
 * answer from the server marks it up again.
 */
final class HostHealth {
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private long downSince;   // System.nanoTime() of the first failure; meaningful while down
    private long retryAt;     // when a probe may go out
    private long backoff;     // 0 while up
    private boolean probing;  // a probe is in flight
    private volatile boolean down; // read without the lock on every request to a healthy host
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

    /** Up, or down with its back-off passed and no probe out yet. */
    boolean isAvailable(long now) {
        if (!down) {
            return true;
        }
        synchronized (this) {
            return backoff == 0 || (!probing && now - retryAt >= 0);
        }
    }

    /**
     * Claims the right to send to this host now: always while it is up; while it is down, only for the
     * one request that probes it.
     */
    boolean claim(long now) {
        if (!down) {
            return true;
        }
        synchronized (this) {
            if (backoff == 0) {
                return true;
            }
            if (probing || now - retryAt < 0) {
                return false;
            }
            probing = true;
            return true;
        }
    }

    /** Claims a host although it is down: every host is down and this one has been down longest. */
    synchronized void claimAnyway() {
        probing = true;
    }

    synchronized long downSince() {
        return downSince;
    }

    /** @return true when this failure took the host down (it was up) */
    synchronized boolean markDown(long now) {
        boolean wasUp = backoff == 0;
        if (wasUp) {
            downSince = now;
            backoff = initialBackoffNanos;
        } else if (probing) {
            backoff = Math.min(backoff * 2, maxBackoffNanos);
        }
        retryAt = now + backoff;
        probing = false;
        if (!down && !detached) {
            downCount.incrementAndGet();
        }
        down = true;
        return wasUp;
    }

    /** @return true when this answer brought the host back (it was down) */
    boolean markUp() {
        if (!down) {
            return false;
        }
        synchronized (this) {
            boolean wasDown = backoff != 0;
            backoff = 0;
            probing = false;
            if (down && !detached) {
                downCount.decrementAndGet();
            }
            down = false;
            return wasDown;
        }
    }

    /** The current back-off, zero while up. */
    synchronized Duration backoff() {
        return Duration.ofNanos(backoff);
    }
}
