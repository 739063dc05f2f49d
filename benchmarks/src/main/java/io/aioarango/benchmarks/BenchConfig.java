package io.aioarango.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The runner's settings, from system properties: {@code bench.warmup} (4s), {@code bench.measure} (10s),
 * {@code bench.prewarm} (10s, the whole prewarm pass), {@code bench.concurrency} (1,16,256),
 * {@code bench.coordinators} (1,3), {@code bench.contenders} (all) and {@code bench.minRequests} (0). Durations
 * read {@code 250ms}, {@code 4s}, {@code 1.5s} or a number of seconds.
 *
 * @param warmup       load before each measurement, not measured
 * @param measure      the measured window of each run
 * @param prewarm      one pass of every contender before the first run, split evenly among them
 * @param concurrency  the requests kept in flight, one run each
 * @param coordinators the numbers of stub coordinators, one stub process and one table each
 * @param contenders   the contenders' names, in the order they run
 * @param minRequests  a measured window that has completed fewer requests goes on until it has (for at most
 *                     30 s more): for very short runs on a busy machine
 */
record BenchConfig(Duration warmup, Duration measure, Duration prewarm, List<Integer> concurrency,
                   List<Integer> coordinators, List<String> contenders, long minRequests) {

    BenchConfig {
        concurrency = List.copyOf(concurrency);
        coordinators = List.copyOf(coordinators);
        contenders = List.copyOf(contenders);
        if (concurrency.isEmpty() || coordinators.isEmpty() || contenders.isEmpty()) {
            throw new IllegalArgumentException("Give at least one concurrency, coordinator count and contender");
        }
        for (String name : contenders) {
            Contenders.create(name);   // fails at once, naming the known ones
        }
        if (concurrency.stream().anyMatch(c -> c < 1) || coordinators.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("Concurrency and coordinator counts must be 1 or more");
        }
    }

    static BenchConfig fromSystemProperties() {
        String contenders = System.getProperty("bench.contenders", "").trim();
        return new BenchConfig(
                duration("bench.warmup", "4s"),
                duration("bench.measure", "10s"),
                duration("bench.prewarm", "10s"),
                integers("bench.concurrency", "1,16,256"),
                integers("bench.coordinators", "1,3"),
                contenders.isEmpty() || contenders.equals("all") ? Contenders.names() : list(contenders),
                Long.parseLong(System.getProperty("bench.minRequests", "0").trim()));
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Integer> integers(String property, String fallback) {
        String text = System.getProperty(property, "").trim();
        return list(text.isEmpty() ? fallback : text).stream().map(Integer::parseInt).toList();
    }

    private static Duration duration(String property, String fallback) {
        String text = System.getProperty(property, "").trim();
        return parseDuration(text.isEmpty() ? fallback : text);
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1).trim();
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Duration '" + text + "' is not understood; use e.g. 250ms, 4s or 1.5", e);
        }
    }
}
