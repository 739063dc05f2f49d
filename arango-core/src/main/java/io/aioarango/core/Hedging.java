package io.aioarango.core;

import java.time.Duration;

/**
 * When an idempotent request that has not been answered yet is sent a second time, to another coordinator
 * (a hedge): the first answer wins, the other attempt is cancelled. A hedge rescues the requests caught on
 * a coordinator that went silent (frozen, or its host gone without a reset) before any timeout, and the
 * coordinator whose attempts are overtaken again and again is ejected (see
 * {@link ArangoClient.Builder#ejectAfterSlowAttempts(int)}). Requests that are not idempotent are never
 * hedged, no request is hedged twice, and at most one request in ten (and a burst of ten) over the last
 * second or so is hedged, so that hedging cannot double the load of a cluster that is slow all over. Each
 * hedge is counted in {@link ArangoMetrics#HEDGES}.
 *
 * <p>The default, {@link #adaptive()}, hedges after the 95th percentile of the recent attempts of the same
 * operation, but never sooner than {@value #DEFAULT_MIN_DELAY_MILLIS} ms: on a healthy cluster, whose
 * answers come in a few milliseconds, almost nothing is sent twice.
 */
public final class Hedging {
    /** The least delay of {@link #adaptive()}, in milliseconds. */
    public static final long DEFAULT_MIN_DELAY_MILLIS = 20;

    private static final Hedging OFF = new Hedging(false, 0, 0);
    private static final Hedging ADAPTIVE = new Hedging(true, 0, Duration.ofMillis(DEFAULT_MIN_DELAY_MILLIS).toNanos());

    private final boolean enabled;
    private final long fixedNanos; // > 0: always this delay; 0: adaptive
    private final long minNanos;

    private Hedging(boolean enabled, long fixedNanos, long minNanos) {
        this.enabled = enabled;
        this.fixedNanos = fixedNanos;
        this.minNanos = minNanos;
    }

    /**
     * No request is ever sent twice. Slow coordinators are still ejected, on timeouts and on answers far
     * later than the operation's usual ones.
     *
     * @return the policy
     */
    public static Hedging off() {
        return OFF;
    }

    /**
     * A hedge after the 95th percentile of the operation's recent attempts, at least
     * {@value #DEFAULT_MIN_DELAY_MILLIS} ms; the default.
     *
     * @return the policy
     */
    public static Hedging adaptive() {
        return ADAPTIVE;
    }

    /**
     * A hedge after the 95th percentile of the operation's recent attempts, at least {@code minDelay}.
     *
     * @param minDelay the least delay; positive
     * @return the policy
     * @throws IllegalArgumentException if {@code minDelay} is null, zero or negative
     */
    public static Hedging adaptive(Duration minDelay) {
        return new Hedging(true, 0, positive("minDelay", minDelay));
    }

    /**
     * A hedge after a fixed delay, whatever the operation.
     *
     * @param delay how long an attempt may stay unanswered before the hedge goes out; positive
     * @return the policy
     * @throws IllegalArgumentException if {@code delay} is null, zero or negative
     */
    public static Hedging after(Duration delay) {
        long nanos = positive("delay", delay);
        return new Hedging(true, nanos, nanos);
    }

    private static long positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Hedging " + name + " " + value + " is not accepted; use a positive duration");
        }
        return value.toNanos();
    }

    /**
     * Whether requests are hedged at all.
     *
     * @return {@code false} for {@link #off()}
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The delay before a hedge, given what the operation's attempts took lately. {@link #off()} answers as
     * {@link #adaptive()} would: the client still uses it to tell a slow attempt.
     *
     * @param p95Nanos the 95th percentile of the operation's recent attempts, 0 while none is known
     * @return nanoseconds
     */
    public long delayNanos(long p95Nanos) {
        if (fixedNanos > 0) {
            return fixedNanos;
        }
        return Math.max(p95Nanos, enabled ? minNanos : ADAPTIVE.minNanos);
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "Hedging.off()";
        }
        return fixedNanos > 0 ? "Hedging.after(" + Duration.ofNanos(fixedNanos) + ")"
                : "Hedging.adaptive(" + Duration.ofNanos(minNanos) + ")";
    }
}
