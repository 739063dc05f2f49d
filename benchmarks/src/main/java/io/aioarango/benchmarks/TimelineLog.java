package io.aioarango.benchmarks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The fault runner's log: the JDK log, where the SDK logs, each line stamped with the time since the start of
 * the timeline (or reference) now running, so that it can be set beside the rows.
 */
final class TimelineLog {
    /** Start of the timeline (or reference) now running, and its name: the clock of the log lines. */
    private static volatile long clockStart = System.nanoTime();
    private static volatile String clockName = "start";

    private TimelineLog() {
    }

    /** Restarts the clock of the log lines: what is running now, and since when. */
    static void clock(String name, long startNanos) {
        clockName = name;
        clockStart = startNanos;
    }

    /**
     * Sends the JDK log (where the SDK logs, through {@code System.Logger}) to {@code err}, each line with the
     * time since the start of the timeline or reference running, so that it can be set beside the rows.
     */
    static void install(PrintStream err) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (!isLoggable(record)) {
                    return;
                }
                double t = (System.nanoTime() - clockStart) / 1e9;
                String message = record.getMessage();
                if (record.getParameters() != null && record.getParameters().length > 0) {
                    message = java.text.MessageFormat.format(message, record.getParameters());
                }
                err.printf(Locale.ROOT, "[%s t=%.3f s] %s %s: %s%n", clockName, t, record.getLevel(),
                        record.getLoggerName(), message);
                if (record.getThrown() != null) {
                    err.println("    " + record.getThrown());
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                err.flush();
            }
        });
    }
}
