package io.aioarango.core.internal;

import io.aioarango.api.Host;
import io.aioarango.api.HostCandidate;
import io.aioarango.api.HostResolver;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The power of two choices: of two candidates drawn at random, the one whose requests in flight, weighted by
 * its recent latency, cost less. A coordinator that stops answering piles up requests in flight and so
 * stops being picked, without any coordinator's load being compared with every other's; two random draws
 * also keep clients that share a cluster from all rushing to the same least-loaded coordinator.
 */
public final class LeastLoadedHostResolver implements HostResolver {
    /** The latency assumed of a coordinator that has not answered yet, and the least one counted: 100 µs. */
    private static final long LATENCY_FLOOR_NANOS = 100_000;

    @Override
    public Host select(List<Host> candidates) {
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())); // no load to see
    }

    @Override
    public HostCandidate choose(List<? extends HostCandidate> candidates) {
        int size = candidates.size();
        if (size == 1) {
            return candidates.get(0);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(size);
        int second = random.nextInt(size - 1);
        if (second >= first) {
            second++; // two different candidates
        }
        HostCandidate a = candidates.get(first);
        HostCandidate b = candidates.get(second);
        return cost(a) <= cost(b) ? a : b;
    }

    /** What one more request costs there: all those in flight and this one, each at the recent latency. */
    private static double cost(HostCandidate candidate) {
        return (candidate.inFlight() + 1.0) * Math.max(candidate.latencyNanos(), LATENCY_FLOOR_NANOS);
    }

    @Override
    public String toString() {
        return "leastloaded";
    }
}
