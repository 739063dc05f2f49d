package io.aioarango.benchmarks;

import io.aioarango.benchmarks.FaultBench.Fault;
import io.aioarango.benchmarks.FaultBench.Phase;
import io.aioarango.benchmarks.FaultBench.Row;
import io.aioarango.benchmarks.FaultBench.Run;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The fault runner's markdown: a table and a summary per transport, and the verdict lines. */
final class FaultReport {
    /** Slack when comparing a row's start to the end of a phase's settling time (the rows start late by µs). */
    private static final double EPSILON_SECONDS = 0.005;

    private FaultReport() {
    }

    static String table(Run run, FaultConfig config) {
        StringBuilder text = new StringBuilder();
        text.append("## ").append(run.transport()).append("\n\n");
        text.append(format("Reference: a client of coordinators 0 and 2 only, %s, the first %s not counted: "
                        + "%,.0f req/s, p99 %s ms. Coordinator 1 misbehaves in the phases `freeze` and "
                        + "`blackhole`.%n%n",
                Bench.text(config.reference()), Bench.text(config.sample()), run.referencePerSecond(),
                millis(run.referenceP99Millis())));
        text.append("| t s | phase | req/s | ratio | failures | p99 ms | max ms | hedges | up | received |\n");
        text.append("|---:|---|---:|---:|---|---:|---:|---:|---|---|\n");
        for (Row row : run.rows()) {
            text.append(format("| %s | %s | %,.0f | %s | %s | %s | %s | %d | %s | %s |%n",
                    seconds(row.to()), row.phase(), row.perSecond(), ratio(row.perSecond(), run.referencePerSecond()),
                    failures(row.failures()), row.completed() == 0 ? "–" : millis(row.p99Millis()),
                    row.completed() == 0 ? "–" : millis(row.maxMillis()), row.hedged(), up(row.up()),
                    Report.shares(row.received())));
        }
        Map<String, String> first = new TreeMap<>(run.firstFailures());
        if (!first.isEmpty()) {
            text.append("\nFirst failure of each type: ");
            text.append(first.values().stream().collect(Collectors.joining("; "))).append('\n');
        }
        if (!run.stopped()) {
            text.append("\nRequests were still in flight 10 s after the end of the timeline.\n");
        }
        text.append("\n### ").append(run.transport()).append(": per phase\n\n");
        text.append("| phase | rows from t s | min ratio | mean ratio | failures | worst p99 ms | worst max ms "
                + "| hedges won/lost/failed | ejections | stalled rows |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (Phase phase : run.phases()) {
            PhaseSummary s = summarize(run, phase, config);
            text.append(format("| %s | %s | %s | %s | %d | %s | %s | %d/%d/%d | %d | %d |%n", phase.name(),
                    seconds(s.from), s.rated() ? format("%.2f", s.minRatio) : "–",
                    s.rated() ? format("%.2f", s.meanRatio) : "–", s.failures,
                    s.rows == 0 ? "–" : millis(s.worstP99), millis(s.worstMax), s.hedges.getOrDefault("won", 0L),
                    s.hedges.getOrDefault("lost", 0L), s.hedges.getOrDefault("failed", 0L), s.ejections, s.stalled));
        }
        text.append("\nper phase: the ratios and p99 from `rows from` on (a fault's first ")
                .append(Bench.text(config.settle()))
                .append(" left out); failures, max, hedges, ejections and stalled rows (no completion) over the whole ")
                .append("phase.\n");
        return text.toString();
    }

    static String verdicts(List<Run> runs, FaultConfig config) {
        StringBuilder text = new StringBuilder("## Verdicts\n\n");
        for (Run run : runs) {
            for (Phase phase : run.phases()) {
                PhaseSummary s = summarize(run, phase, config);
                text.append("- ").append(run.transport()).append(' ').append(phase.name()).append(": ");
                if (s.rows == 0) {
                    text.append("no row").append(phase.fault() == Fault.NONE ? "" : " after the first "
                            + Bench.text(config.settle()));
                } else if (!s.rated()) {
                    text.append("no ratio (the reference completed nothing)");
                } else {
                    text.append(format("min %.2f of reference", s.minRatio));
                    if (phase.fault() != Fault.NONE) {
                        text.append(" from ").append(Bench.text(config.settle())).append(" after the fault");
                    }
                    text.append(format(" (mean %.2f)", s.meanRatio));
                }
                text.append(format(", %d failures, worst p99 %s ms, worst max %s ms, %d hedges", s.failures,
                        s.rows == 0 ? "–" : millis(s.worstP99), millis(s.worstMax),
                        s.hedges.values().stream().mapToLong(Long::longValue).sum()));
                if (!s.hedges.isEmpty()) {
                    text.append(" (").append(s.hedges.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "))).append(')');
                }
                text.append(format(", %d ejection%s", s.ejections, s.ejections == 1 ? "" : "s"));
                List<Row> rows = rows(run, phase);
                if (phase.fault() != Fault.NONE) {
                    firstRow(rows, r -> r.up()[FaultBench.FAULTY] == 0).ifPresent(i -> text
                            .append(", coordinator 1 down from t=").append(seconds(rows.get(i).to())).append(" s"));
                } else if (phase.offset().toNanos() > 0) {
                    firstRow(rows, r -> r.up()[FaultBench.FAULTY] == 1).ifPresentOrElse(
                            i -> text.append(", coordinator 1 up by t=").append(seconds(rows.get(i).to()))
                                    .append(" s"),
                            () -> text.append(", coordinator 1 not up again in this phase"));
                    if (!rows.isEmpty()) {
                        Row last = rows.get(rows.size() - 1);
                        text.append(", its share of received requests in the last row ")
                                .append(share(last.received(), FaultBench.FAULTY));
                    }
                }
                if (s.stalled > 0) {
                    text.append(format(", %d row%s without a completion", s.stalled, s.stalled == 1 ? "" : "s"));
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** The figures of one phase, as in the summary table. */
    static final class PhaseSummary {
        double from;
        int rows;
        double minRatio = Double.MAX_VALUE;
        double meanRatio;
        long failures;
        double worstP99;
        double worstMax;
        final Map<String, Long> hedges = new TreeMap<>();
        long ejections;
        int stalled;

        /** Whether there are ratios: rows to rate and a reference to rate them against. */
        boolean rated() {
            return rows > 0 && !Double.isNaN(meanRatio);
        }
    }

    static PhaseSummary summarize(Run run, Phase phase, FaultConfig config) {
        PhaseSummary s = new PhaseSummary();
        s.from = phase.fromSeconds() + (phase.fault() == Fault.NONE ? 0 : config.settle().toNanos() / 1e9);
        double sum = 0;
        for (Row row : rows(run, phase)) {
            s.failures += row.failed();
            s.worstMax = Math.max(s.worstMax, row.maxMillis());
            row.hedges().forEach((result, count) -> s.hedges.merge(result, count, Long::sum));
            s.ejections += row.ejections();
            if (row.completed() == 0) {
                s.stalled++;
            }
            if (row.from() >= s.from - EPSILON_SECONDS) {
                double ratio = row.perSecond() / run.referencePerSecond();
                s.rows++;
                s.minRatio = Math.min(s.minRatio, ratio);
                sum += ratio;
                s.worstP99 = Math.max(s.worstP99, row.p99Millis());
            }
        }
        s.meanRatio = s.rows == 0 || run.referencePerSecond() <= 0 ? Double.NaN : sum / s.rows;
        return s;
    }

    static List<Row> rows(Run run, Phase phase) {
        return run.rows().stream().filter(r -> r.phase().equals(phase.name())).toList();
    }

    private static OptionalInt firstRow(List<Row> rows, java.util.function.Predicate<Row> test) {
        return IntStream.range(0, rows.size()).filter(i -> test.test(rows.get(i))).findFirst();
    }

    private static String failures(Map<String, Long> failures) {
        if (failures.isEmpty()) {
            return "0";
        }
        return failures.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String up(int[] up) {
        String list = IntStream.range(0, up.length).filter(i -> up[i] == 1).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
        return list.isEmpty() ? "none" : list;
    }

    private static String share(long[] received, int index) {
        long total = 0;
        for (long r : received) {
            total += r;
        }
        return total == 0 ? "– (nothing received)" : format("%.0f %%", 100.0 * received[index] / total);
    }

    private static String ratio(double value, double reference) {
        return reference > 0 ? format("%.2f", value / reference) : "–";
    }

    /** A time in seconds, to a tenth. */
    static String seconds(double seconds) {
        return format("%.1f", seconds);
    }

    /** Milliseconds: two decimals below 1, one below 100, none above. */
    static String millis(double millis) {
        if (millis < 1) {
            return format("%.2f", millis);
        }
        return millis < 100 ? format("%.1f", millis) : format("%,.0f", millis);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
