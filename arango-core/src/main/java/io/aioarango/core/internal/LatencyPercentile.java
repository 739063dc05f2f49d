package io.aioarango.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A running estimate of the 95th percentile of one operation's attempt times, in constant space: each
 * sample above the estimate raises it a little, each one below lowers it by a nineteenth as much, so it
 * settles where one sample in twenty lies above (a "frugal" streaming quantile). Racy on purpose: a lost
 * update between two threads moves an estimate nothing worth a lock.
 */
final class LatencyPercentile {
    /** The relative step of one sample: about a hundred samples move the estimate by e^5. */
    private static final double STEP = 0.05;
    private static final double UP = 1 + STEP * 0.95;
    private static final double DOWN = 1 - STEP * 0.05;
    /** Operations tracked apart at most; any further ones (user-named requests) share one estimate. */
    private static final int MAX_OPERATIONS = 256;

    /**
     * Answers before the estimate is trusted: the first ones of a client (a cold JVM, new connections, TLS
     * handshakes) are slow for reasons that hedging or ejecting could not help.
     */
    static final int SAMPLES_TRUSTED = 20;

    private volatile double p95Nanos;
    private volatile int samples; // counts up to SAMPLES_TRUSTED, then stays

    /** Adds one answered attempt's time. */
    void add(long nanos) {
        double estimate = p95Nanos;
        p95Nanos = estimate == 0 ? nanos : nanos > estimate ? estimate * UP : estimate * DOWN;
        if (samples < SAMPLES_TRUSTED) {
            samples++;
        }
    }

    /** Whether enough answers were seen to tell a slow attempt from a usual one. */
    boolean trusted() {
        return samples >= SAMPLES_TRUSTED;
    }

    /** @return nanoseconds, 0 while no attempt was answered */
    long p95Nanos() {
        return (long) p95Nanos;
    }

    /** One estimate per operation name. */
    static final class ByOperation {
        private final Map<String, LatencyPercentile> estimates = new ConcurrentHashMap<>();
        private final LatencyPercentile others = new LatencyPercentile();

        LatencyPercentile of(String operation) {
            LatencyPercentile known = estimates.get(operation);
            if (known != null) {
                return known;
            }
            if (estimates.size() >= MAX_OPERATIONS) {
                return others;
            }
            return estimates.computeIfAbsent(operation, name -> new LatencyPercentile());
        }
    }
}
