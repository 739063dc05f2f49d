package io.aioarango.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The fault runner's settings, from system properties: {@code fault.warmup} (30s), {@code fault.healthy} (8s, the
 * healthy start), {@code fault.fault} (12s, each fault), {@code fault.healed} (6s, after each heal),
 * {@code fault.reference} (8s), {@code fault.sample} (1s, one row each), {@code fault.settle} (1s),
 * {@code fault.concurrency} (16), {@code fault.transports} (netty,jdk) and {@code fault.svg}
 * (docs/fault-benchmark.svg, a relative path resolved against {@code fault.root}, else the working directory).
 * Durations read as in {@link BenchConfig}.
 *
 * @param warmup      an unmeasured loop against all coordinators before the reference, each transport
 * @param healthy     the healthy phase before the first fault
 * @param fault       how long coordinator 1 stays frozen, and then black-holed
 * @param healed      the healthy phase after each {@code heal()}
 * @param reference   the loop against coordinators 0 and 2 only, whose throughput the rows are compared to
 * @param sample      the length of one row
 * @param settle      how long after a fault starts its summary begins (the rows before still count their
 *                    failures)
 * @param concurrency the requests kept in flight
 * @param transports  the SDK transports, one timeline each
 * @param svg         where the picture goes
 */
record FaultConfig(Duration warmup, Duration healthy, Duration fault, Duration healed, Duration reference,
                   Duration sample, Duration settle, int concurrency, List<String> transports, Path svg) {

    FaultConfig {
        transports = List.copyOf(transports);
        for (Duration d : List.of(healthy, fault, healed, reference, sample)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Every phase and the sample must be positive, not " + d);
            }
        }
        if (settle.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("fault.settle and fault.warmup must not be negative");
        }
        if (concurrency < 1 || transports.isEmpty()) {
            throw new IllegalArgumentException("Give a concurrency of 1 or more and at least one transport");
        }
    }

    static FaultConfig fromSystemProperties() {
        String root = System.getProperty("fault.root", "").trim();
        Path svg = Path.of(property("fault.svg", "docs/fault-benchmark.svg"));
        if (!svg.isAbsolute() && !root.isEmpty()) {
            svg = Path.of(root).resolve(svg);
        }
        return new FaultConfig(
                duration("fault.warmup", "30s"),
                duration("fault.healthy", "8s"),
                duration("fault.fault", "12s"),
                duration("fault.healed", "6s"),
                duration("fault.reference", "8s"),
                duration("fault.sample", "1s"),
                duration("fault.settle", "1s"),
                Integer.parseInt(property("fault.concurrency", "16")),
                Arrays.stream(property("fault.transports", "netty,jdk").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                svg.toAbsolutePath().normalize());
    }

    private static String property(String name, String fallback) {
        String text = System.getProperty(name, "").trim();
        return text.isEmpty() ? fallback : text;
    }

    private static Duration duration(String name, String fallback) {
        return BenchConfig.parseDuration(property(name, fallback));
    }
}
