package io.aioarango.benchmarks;

import io.aioarango.benchmarks.FaultBench.Fault;
import io.aioarango.benchmarks.FaultBench.Phase;
import io.aioarango.benchmarks.FaultBench.Row;
import io.aioarango.benchmarks.FaultBench.Run;
import java.util.List;
import java.util.Locale;

/**
 * The fault runner's picture, as SVG text: the throughput of each transport per row over the timeline with its
 * reference as a dashed line, the fault phases shaded; below, the p99 latency per row on a log scale, with the
 * reference's p99 dashed. Between the two, where each client had coordinator 1 up.
 */
final class FaultSvg {
    private static final int WIDTH = 1100;
    private static final int LEFT = 80;
    private static final int RIGHT = 280;
    private static final int TOP = 70;
    private static final int PANEL = 300;
    private static final int GAP = 90;
    private static final int LOWER = 220;
    private static final int HEIGHT = TOP + PANEL + GAP + LOWER + 60;
    private static final String[] COLOURS = {"#1f5fa8", "#c8462a", "#3c8a3c", "#8a3c8a"};

    private FaultSvg() {
    }

    static String render(List<Run> runs, FaultConfig config) {
        List<Phase> phases = FaultBench.timeline(config);
        double end = phases.get(phases.size() - 1).toSeconds();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double maxRate = 1;
        double minP99 = Double.MAX_VALUE;
        double maxP99 = 0;
        for (Run run : runs) {
            maxRate = Math.max(maxRate, run.referencePerSecond());
            if (run.referenceP99Millis() > 0) {
                minP99 = Math.min(minP99, run.referenceP99Millis());
                maxP99 = Math.max(maxP99, run.referenceP99Millis());
            }
            for (Row row : run.rows()) {
                maxRate = Math.max(maxRate, row.perSecond());
                if (row.completed() > 0 && row.p99Millis() > 0) {
                    minP99 = Math.min(minP99, row.p99Millis());
                    maxP99 = Math.max(maxP99, row.p99Millis());
                }
            }
        }
        double rateTop = niceCeiling(maxRate * 1.05);
        int lowDecade = minP99 == Double.MAX_VALUE ? -1 : (int) Math.floor(Math.log10(minP99));
        int highDecade = maxP99 == 0 ? 2 : Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(maxP99)));

        Plot upper = new Plot(LEFT, TOP, plotWidth, PANEL, end);
        Plot lower = new Plot(LEFT, TOP + PANEL + GAP, plotWidth, LOWER, end);
        StringBuilder svg = new StringBuilder();
        svg.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH,
                HEIGHT));
        rect(svg, 0, 0, WIDTH, HEIGHT, "fill=\"white\"");
        text(svg, LEFT, 24, "font-size=\"16\" font-weight=\"bold\"",
                "Gray failures: coordinator 1 of 3 frozen, then black-holed");
        text(svg, LEFT, 44, "fill=\"#444\"", format("aioarango client at its defaults, closed loop of %d "
                + "cluster().serverId() in flight, in-process FakeCluster on 127.0.0.1; one point per %s",
                config.concurrency(), Bench.text(config.sample())));

        // Fault phases, shaded across both panels.
        for (Phase phase : phases) {
            if (phase.fault() == Fault.NONE) {
                continue;
            }
            double x0 = upper.x(phase.fromSeconds());
            double x1 = upper.x(phase.toSeconds());
            String fill = phase.fault() == Fault.FREEZE ? "#dde8f7" : "#e6e6e6";
            for (Plot plot : List.of(upper, lower)) {
                rect(svg, x0, plot.top, x1 - x0, plot.height, "fill=\"" + fill + "\"");
            }
            text(svg, (x0 + x1) / 2, upper.top + 16, "text-anchor=\"middle\" fill=\"#333\"",
                    "coordinator 1 " + phase.name() + "()");
        }

        // Upper panel: throughput.
        for (int i = 0; i <= 5; i++) {
            double value = rateTop * i / 5;
            double y = upper.top + upper.height - upper.height * i / 5;
            gridLine(svg, upper, y, format("%,.0f", value));
        }
        timeAxis(svg, upper, end, false);
        yLabel(svg, upper, "completed requests per second");
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            String colour = COLOURS[r % COLOURS.length];
            double yRef = upper.top + upper.height * (1 - run.referencePerSecond() / rateTop);
            line(svg, upper.left, yRef, upper.left + upper.width, yRef, dashed(colour));
            StringBuilder path = new StringBuilder();
            for (Row row : run.rows()) {
                double y = upper.top + upper.height * (1 - row.perSecond() / rateTop);
                path.append(path.length() == 0 ? "M" : " L").append(format("%.1f %.1f", upper.x(mid(row)), y));
            }
            svg.append(format("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, colour));
        }

        // Between the panels: where each client had coordinator 1 up (its HOST_UP gauge at the end of a row).
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            double y = upper.top + upper.height + 30 + r * 14;
            text(svg, upper.left + upper.width + 10, y + 8, "font-size=\"11\" fill=\"#333\"",
                    run.transport() + ": coordinator 1 up (HOST_UP)");
            rect(svg, upper.left, y, upper.width, 8, "fill=\"#f4f4f4\"");
            for (Row row : run.rows()) {
                if (row.up()[FaultBench.FAULTY] == 1) {
                    double x0 = upper.x(row.from());
                    rect(svg, x0, y, upper.x(row.to()) - x0, 8, "fill=\"" + COLOURS[r % COLOURS.length] + "\"");
                }
            }
        }

        // Lower panel: p99, log scale; a row without a completion breaks the line.
        double decades = highDecade - lowDecade;
        for (int d = lowDecade; d <= highDecade; d++) {
            double y = lower.top + lower.height * (1 - (d - lowDecade) / decades);
            gridLine(svg, lower, y, millisLabel(Math.pow(10, d)));
        }
        timeAxis(svg, lower, end, true);
        yLabel(svg, lower, "p99 latency, ms (log)");
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            String colour = COLOURS[r % COLOURS.length];
            if (run.referenceP99Millis() > 0) {
                double yRef = lower.top + lower.height
                        * (1 - (Math.log10(run.referenceP99Millis()) - lowDecade) / decades);
                line(svg, lower.left, yRef, lower.left + lower.width, yRef, dashed(colour));
            }
            StringBuilder path = new StringBuilder();
            boolean broken = true;
            for (Row row : run.rows()) {
                if (row.completed() == 0 || row.p99Millis() <= 0) {
                    broken = true;
                    continue;
                }
                double y = lower.top + lower.height * (1 - (Math.log10(row.p99Millis()) - lowDecade) / decades);
                path.append(broken ? (path.length() == 0 ? "M" : " M") : " L")
                        .append(format("%.1f %.1f", lower.x(mid(row)), y));
                broken = false;
            }
            if (path.length() > 0) {
                svg.append(format("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"/>%n", path,
                        colour));
            }
        }

        // Legend.
        double lx = LEFT + plotWidth + 20;
        double ly = TOP + 10;
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            String colour = COLOURS[r % COLOURS.length];
            line(svg, lx, ly, lx + 24, ly, "stroke=\"" + colour + "\" stroke-width=\"2\"");
            text(svg, lx + 30, ly + 4, "", "transport " + run.transport());
            ly += 20;
            line(svg, lx, ly, lx + 24, ly, dashed(colour));
            text(svg, lx + 30, ly + 4, "", run.transport() + " reference");
            text(svg, lx + 30, ly + 18, "fill=\"#555\" font-size=\"11\"", "coordinators 0 and 2 only:");
            text(svg, lx + 30, ly + 32, "fill=\"#555\" font-size=\"11\"", format("%,.0f/s, p99 %s ms",
                    run.referencePerSecond(), FaultReport.millis(run.referenceP99Millis())));
            ly += 52;
        }
        for (String[] shade : new String[][] {{"#dde8f7", "freeze(): silent, holds answers"},
                {"#e6e6e6", "blackhole(): silent, no SYN-ACK"}}) {
            rect(svg, lx, ly - 6, 24, 12, "fill=\"" + shade[0] + "\" stroke=\"#999\"");
            text(svg, lx + 30, ly + 4, "font-size=\"11\"", shade[1]);
            ly += 20;
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** A panel's frame: its position and its time scale. */
    private record Plot(double left, double top, double width, double height, double end) {
        double x(double seconds) {
            return left + width * Math.max(0, Math.min(seconds, end)) / end;
        }
    }

    private static double mid(Row row) {
        return (row.from() + row.to()) / 2;
    }

    private static void gridLine(StringBuilder svg, Plot plot, double y, String label) {
        line(svg, plot.left, y, plot.left + plot.width, y, "stroke=\"#ccc\" stroke-width=\"0.6\"");
        text(svg, plot.left - 6, y + 4, "text-anchor=\"end\" fill=\"#333\"", label);
    }

    private static void timeAxis(StringBuilder svg, Plot plot, double end, boolean title) {
        double bottom = plot.top + plot.height;
        rect(svg, plot.left, plot.top, plot.width, plot.height, "fill=\"none\" stroke=\"#333\"");
        double step = niceStep(end / 10);
        for (double t = 0; t <= end + 1e-9; t += step) {
            double x = plot.x(t);
            line(svg, x, bottom, x, bottom + 5, "stroke=\"#333\"");
            text(svg, x, bottom + 18, "text-anchor=\"middle\" fill=\"#333\"", trim(t));
        }
        if (title) {
            text(svg, plot.left + plot.width / 2, bottom + 38, "text-anchor=\"middle\"",
                    "time since the start of the timeline, s");
        }
    }

    private static void yLabel(StringBuilder svg, Plot plot, String label) {
        double x = plot.left - 62;
        double y = plot.top + plot.height / 2;
        text(svg, x, y, format("text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\"", x, y), label);
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String attributes) {
        svg.append(format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>%n", x1, y1, x2, y2,
                attributes));
    }

    private static void rect(StringBuilder svg, double x, double y, double width, double height, String attributes) {
        svg.append(format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s/>%n", x, y, width,
                height, attributes));
    }

    /** A text element; the text is escaped, the attributes are not. */
    private static void text(StringBuilder svg, double x, double y, String attributes, String text) {
        svg.append(format("<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n", x, y,
                attributes.isEmpty() ? "" : " " + attributes, escape(text)));
    }

    private static String dashed(String colour) {
        return "stroke=\"" + colour + "\" stroke-dasharray=\"6 4\" stroke-width=\"1.2\"";
    }

    /** The least of 1, 2 or 5 times a power of ten that is at least {@code value}. */
    static double niceStep(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= value - 1e-12) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** An upper end for a scale of 5 steps: 5 times a nice step. */
    private static double niceCeiling(double value) {
        return 5 * niceStep(value / 5);
    }

    private static String millisLabel(double millis) {
        return millis >= 1 ? format("%,.0f", millis) : trim(millis);
    }

    private static String trim(double value) {
        String text = format("%.3f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
