package io.aioarango.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** One markdown table per coordinator count: a row per contender and concurrency, each figure with its ratio. */
final class Report {
    private Report() {
    }

    static String table(int coordinators, List<Result> results) {
        StringBuilder text = new StringBuilder();
        text.append("## ").append(coordinators).append(coordinators == 1 ? " coordinator" : " coordinators")
                .append(" (ratio to ").append(Contenders.FLOOR).append(" in parentheses)\n\n");
        text.append("| contender | C | req/s | p50 µs | p99 µs | CPU µs/req | alloc B/req | live-thread B/req "
                + "| GCs | threads | started | drift | errors | left | per coordinator |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            Optional<Result> floor = results.stream()
                    .filter(f -> f.contender().equals(Contenders.FLOOR) && f.concurrency() == r.concurrency())
                    .findFirst();
            text.append("| ").append(r.contender())
                    .append(" | ").append(r.concurrency())
                    .append(" | ").append(cell(r, floor, Result::requestsPerSecond, "%,.0f"))
                    .append(" | ").append(cell(r, floor, Result::p50Micros, "%,.0f"))
                    .append(" | ").append(cell(r, floor, Result::p99Micros, "%,.0f"))
                    .append(" | ").append(cell(r, floor, Result::cpuMicrosPerRequest, "%.1f"))
                    .append(" | ").append(cell(r, floor, Result::bytesPerRequest, "%,.0f"))
                    .append(" | ").append(Double.isNaN(r.liveThreadBytesPerRequest()) ? "–"
                            : format("%,.0f", r.liveThreadBytesPerRequest()))
                    .append(" | ").append(cell(r, floor, x -> x.gcCount(), "%.0f"))
                    .append(" | ").append(cell(r, floor, x -> x.threads(), "%.0f"))
                    .append(" | ").append(format("%,d", r.threadsStarted()))
                    .append(" | ").append(Double.isNaN(r.drift()) ? "–" : format("%+.1f%%", r.drift() * 100))
                    .append(" | ").append(r.errors())
                    .append(" | ").append(r.leftThreads().size())
                    .append(" | ").append(shares(r.hits()))
                    .append(" |\n");
        }
        for (Result r : results) {
            if (r.firstError() != null) {
                text.append("\n").append(r.contender()).append(", C=").append(r.concurrency()).append(": ")
                        .append(r.errors()).append(" errors, the first: ").append(r.firstError());
            }
            if (!r.leftThreads().isEmpty()) {
                text.append("\n").append(r.contender()).append(", C=").append(r.concurrency())
                        .append(": threads left after close: ").append(r.leftThreads());
            }
        }
        return text.append("\n").toString();
    }

    private static String cell(Result r, Optional<Result> floor, ToDoubleFunction<Result> figure, String pattern) {
        double value = figure.applyAsDouble(r);
        if (Double.isNaN(value)) {
            return "–";
        }
        String ratio = floor.map(figure::applyAsDouble)
                .filter(f -> !Double.isNaN(f) && f != 0)
                .map(f -> format(" (%.2f)", value / f))
                .orElse(" (–)");
        return format(pattern, value) + ratio;
    }

    static String shares(long[] hits) {
        long total = 0;
        for (long hit : hits) {
            total += hit;
        }
        StringBuilder text = new StringBuilder();
        for (long hit : hits) {
            text.append(text.length() == 0 ? "" : "/").append(total == 0 ? "0" : format("%.0f", 100.0 * hit / total));
        }
        return text.append(" %").toString();
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
