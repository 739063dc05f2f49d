package io.aioarango.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Failures by exception type, since the last drain, and the first of each type in the whole run. */
final class FailureTally {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    final Map<String, String> first = new ConcurrentHashMap<>();

    void count(Throwable failure) {
        String type = failure.getClass().getSimpleName();
        counts.computeIfAbsent(type, t -> new LongAdder()).increment();
        first.putIfAbsent(type, failure.toString());
    }

    Map<String, Long> drain() {
        Map<String, Long> drained = new TreeMap<>();
        counts.forEach((type, count) -> {
            long n = count.sumThenReset();
            if (n > 0) {
                drained.put(type, n);
            }
        });
        return drained;
    }
}
