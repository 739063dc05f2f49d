package io.aioarango.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Bytes allocated by the whole JVM, threads that ended included: the heap in use now plus all that collections
 * freed so far. {@code ThreadMXBean.getThreadAllocatedBytes} loses what a thread allocated once it ends, which
 * hides a client that does its work on short-lived threads (java.net.http on 2 cores starts one per response).
 * The heap's figure counts whole TLABs and G1 regions, so it is a few MB off at each end of a window: noise over
 * windows of hundreds of MB.
 */
final class HeapAllocation {
    private static final AtomicLong FREED = new AtomicLong();
    private static final AtomicLong COLLECTIONS_SEEN = new AtomicLong();
    /** Collections before the listeners were in place: never reported to them. */
    private static final long COLLECTIONS_BEFORE;

    static {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                FREED.addAndGet(used(info.getGcInfo().getMemoryUsageBeforeGc())
                        - used(info.getGcInfo().getMemoryUsageAfterGc()));
                COLLECTIONS_SEEN.incrementAndGet();
            }, null, null);
        }
        COLLECTIONS_BEFORE = collections();
    }

    private HeapAllocation() {
    }

    /** Makes sure the listeners are in place before the first window. */
    static void install() {
        // the static initializer did it
    }

    /**
     * Waits until every collection counted by the collectors so far has been reported to the listeners
     * (notifications come on a thread of their own, a little later), or 1 s: call it before a snapshot, so that
     * the wait is outside the measured window.
     */
    static void awaitReported() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (COLLECTIONS_SEEN.get() < collections() - COLLECTIONS_BEFORE && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /**
     * Bytes allocated since the listeners were installed. Right after {@link #awaitReported}: a collection that
     * ends in between and is not yet reported is missed (rare, and the heap then looks smaller).
     */
    static long allocatedSoFar() {
        return FREED.get() + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Collections so far, all collectors: what {@link #allocatedSoFar} waits to have been reported. */
    static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }

    private static long used(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (MemoryUsage usage : pools.values()) {
            used += usage.getUsed();
        }
        return used;
    }
}
