package io.aioarango.benchmarks;

import io.aioarango.benchmarks.FaultBench.Phase;
import io.aioarango.benchmarks.FaultBench.Row;
import io.aioarango.core.ArangoMetrics;
import io.aioarango.testkit.FakeCoordinator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Cuts one loop's run into rows. Each row starts where the last one ended, so that nothing falls between
 * two phases: the time a switch takes (a {@code blackhole()} takes about 100 ms) is in the first row of its
 * phase. A row holds what the loop completed and failed, the client's meters (hedges, ejections, hosts up)
 * and the requests each coordinator received.
 */
final class FaultSampler {
    private final Duration sample;
    private final long start;
    private final ClosedLoop loop;
    private final FailureTally tally;
    private final SimpleMeterRegistry registry;
    private final List<FakeCoordinator> coordinators;
    private long from;
    private long completed;
    private Map<String, Long> hedges;
    private long ejections;

    /** Starts the first row now: call it right after {@link ClosedLoop#start()}. */
    FaultSampler(Duration sample, ClosedLoop loop, FailureTally tally, SimpleMeterRegistry registry,
            List<FakeCoordinator> coordinators) {
        this.sample = sample;
        this.loop = loop;
        this.tally = tally;
        this.registry = registry;
        this.coordinators = coordinators;
        start = System.nanoTime();
        from = start;
        loop.interval();
        tally.drain();
        completed = loop.completed();
        hedges = hedges(registry);
        ejections = ejections(registry);
        received(coordinators);
    }

    long start() {
        return start;
    }

    /**
     * The rows of one phase, one per sample (the last one shorter if the sample does not divide the phase),
     * at least one. With {@code latencies}, the latencies of every row but the first are added to it.
     */
    List<Row> rows(Phase phase, Histogram latencies) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        long end = start + phase.offset().plus(phase.length()).toNanos();
        long next = start + phase.offset().toNanos();
        do {   // at least one row, even for a phase that was over before it could be sampled
            next += sample.toNanos();
            Bench.sleepUntil(Math.min(next, end));
            long to = System.nanoTime();
            Histogram interval = loop.interval();
            if (latencies != null && !rows.isEmpty()) {
                latencies.add(interval);
            }
            long completedNow = loop.completed();
            Map<String, Long> hedgesNow = hedges(registry);
            long ejectionsNow = ejections(registry);
            Map<String, Long> hedged = new TreeMap<>();
            hedgesNow.forEach((result, count) -> {
                long delta = count - hedges.getOrDefault(result, 0L);
                if (delta != 0) {
                    hedged.put(result, delta);
                }
            });
            rows.add(new Row((from - start) / 1e9, (to - start) / 1e9, phase.name(), completedNow - completed,
                    tally.drain(), interval.getValueAtPercentile(99) / 1e6, interval.getMaxValue() / 1e6,
                    Map.copyOf(hedged), ejectionsNow - ejections, up(registry, coordinators),
                    received(coordinators)));
            from = to;
            completed = completedNow;
            hedges = hedgesNow;
            ejections = ejectionsNow;
        } while (from < end);
        return rows;
    }

    private static Map<String, Long> hedges(SimpleMeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(ArangoMetrics.HEDGES).counters()) {
            String result = counter.getId().getTag(ArangoMetrics.TAG_RESULT);
            counts.merge(result == null ? "?" : result, Math.round(counter.count()), Long::sum);
        }
        return counts;
    }

    private static long ejections(SimpleMeterRegistry registry) {
        return Math.round(registry.find(ArangoMetrics.EJECTIONS).counters().stream()
                .mapToDouble(Counter::count).sum());
    }

    private static int[] up(SimpleMeterRegistry registry, List<FakeCoordinator> coordinators) {
        int[] up = new int[coordinators.size()];
        for (int i = 0; i < up.length; i++) {
            Gauge gauge = registry.find(ArangoMetrics.HOST_UP).tag(ArangoMetrics.TAG_HOST, host(coordinators.get(i)))
                    .gauge();
            up[i] = gauge == null ? -1 : (int) Math.round(gauge.value());
        }
        return up;
    }

    /**
     * The requests each coordinator received since the last call. The testkit keeps every request it
     * receives; they are forgotten here at once, or the heap would fill within the run (a request that comes
     * between the count and the clear is lost to the count).
     */
    static long[] received(List<FakeCoordinator> coordinators) {
        long[] received = new long[coordinators.size()];
        for (int i = 0; i < received.length; i++) {
            received[i] = coordinators.get(i).requestCount();
            coordinators.get(i).clearRequests();
        }
        return received;
    }

    private static String host(FakeCoordinator coordinator) {
        return "127.0.0.1:" + coordinator.port();
    }
}
