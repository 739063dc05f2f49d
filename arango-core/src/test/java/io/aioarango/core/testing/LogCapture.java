package io.aioarango.core.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the SDK logs (through {@code System.Logger}, on {@code java.util.logging} in tests) while it is open,
 * under the logger {@code io.aioarango}; closing it restores the logger as it was.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger sdk = Logger.getLogger("io.aioarango");
    private final Level previous = sdk.getLevel();
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Level level) {
        if (level != null) {
            sdk.setLevel(level);
        }
        sdk.addHandler(handler);
    }

    /** Every record, at every level (the logger set to ALL while open). */
    public static LogCapture everything() {
        return new LogCapture(Level.ALL);
    }

    /** The records the logger lets through as configured. */
    public static LogCapture asConfigured() {
        return new LogCapture(null);
    }

    /** The records at {@code level} or above, in order. */
    public List<LogRecord> atLeast(Level level) {
        synchronized (records) {
            return records.stream().filter(record -> record.getLevel().intValue() >= level.intValue()).toList();
        }
    }

    /** Every record as a formatted line, throwable included. */
    public List<String> lines() {
        SimpleFormatter formatter = new SimpleFormatter();
        synchronized (records) {
            return records.stream().map(formatter::format).toList();
        }
    }

    @Override
    public void close() {
        sdk.removeHandler(handler);
        sdk.setLevel(previous);
    }
}
