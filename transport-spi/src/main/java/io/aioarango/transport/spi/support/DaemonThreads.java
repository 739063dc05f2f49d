package io.aioarango.transport.spi.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads, so that an SDK thread never keeps the JVM alive and is easy to spot in a dump. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /**
     * A factory of daemon threads named {@code prefix1}, {@code prefix2}, and so on.
     *
     * @param prefix the start of each thread's name, e.g. {@code aioarango-jdk-}
     * @return a new factory, with its own count
     */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
