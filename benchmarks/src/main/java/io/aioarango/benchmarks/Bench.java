package io.aioarango.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The closed-loop load runner. For each coordinator count it starts a {@link StubCoordinator} process, then for
 * each concurrency C and each contender keeps exactly C requests of {@code GET /_db/_system/_admin/server/id} in
 * flight, warms up, measures, closes the contender and checks that none of its threads remains. Before the first
 * run, every contender gets one prewarm pass. One markdown table per coordinator count goes to standard output,
 * progress to standard error. Run it with {@code mvn -q -Pbench package} (see benchmarks/README.md).
 */
public final class Bench {
    /** How long a closed contender's threads get to end before they are checked again at the end of the table. */
    private static final long THREADS_END_MILLIS = 100;
    /** How long they get, with a GC, before the table is printed. */
    private static final long THREADS_END_FINAL_MILLIS = 5_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final BenchConfig config;
    private final PrintStream out;
    private final PrintStream log;

    private Bench(BenchConfig config, PrintStream out, PrintStream log) {
        this.config = config;
        this.out = out;
        this.log = log;
    }

    /**
     * Runs the benchmark with the settings of the {@code bench.*} system properties (see {@link BenchConfig}).
     *
     * @param args none
     * @throws Exception if the stub cannot be started
     */
    public static void main(String[] args) throws Exception {
        List<Result> results = run(BenchConfig.fromSystemProperties(), System.out, System.err);
        boolean failed = results.stream().anyMatch(r -> r.errors() > 0 || r.requests() == 0);
        System.exit(failed ? 1 : 0);
    }

    /**
     * Runs every configured run and prints the tables.
     *
     * @param config the settings
     * @param out    where the tables go
     * @param log    where progress goes
     * @return every measured run, in the order run
     * @throws Exception if a stub cannot be started
     */
    static List<Result> run(BenchConfig config, PrintStream out, PrintStream log) throws Exception {
        return new Bench(config, out, log).run();
    }

    private List<Result> run() throws Exception {
        HeapAllocation.install();
        ScheduledExecutorService retries = ClosedLoop.retryScheduler("bench-retries");
        List<Result> all = new ArrayList<>();
        out.println("# aioarango benchmarks: GET /_db/_system/_admin/server/id, closed loop");
        out.println();
        out.printf("JVM %s %s, %d cores, max heap %d MiB; warm-up %s, measure %s, prewarm %s; stub in its own JVM%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                text(config.warmup()), text(config.measure()), text(config.prewarm()));
        out.println("Each figure with its ratio to " + Contenders.FLOOR + " at the same C and coordinator count.");
        out.flush();
        try {
            boolean prewarmed = false;
            for (int coordinators : config.coordinators()) {
                List<Result> table = new ArrayList<>();
                List<Map<Long, String>> pendingThreads = new ArrayList<>();
                try (StubProcess stub = StubProcess.start(coordinators)) {
                    log.printf("stub: %d coordinator(s) on ports %s%n", coordinators, stub.ports());
                    if (!prewarmed) {
                        prewarm(stub, retries);
                        prewarmed = true;
                    }
                    for (int concurrency : config.concurrency()) {
                        for (String name : config.contenders()) {
                            log.printf("run: %s, C=%d, %d coordinator(s)%n", name, concurrency, coordinators);
                            Map<Long, String> left = new HashMap<>();
                            Result result;
                            try {
                                result = runOne(name, stub, concurrency, config.warmup(), config.measure(),
                                        retries, left);
                            } catch (Exception e) {   // e.g. it could not start: a row of its own, and go on
                                log.printf("  %s failed: %s%n", name, e);
                                result = Result.failed(name, coordinators, concurrency, e);
                            }
                            table.add(result);
                            pendingThreads.add(left);
                        }
                    }
                }
                List<Result> checked = checkThreadsEnded(table, pendingThreads);
                all.addAll(checked);
                out.println();
                out.print(Report.table(coordinators, checked));
                out.flush();
            }
        } finally {
            retries.shutdownNow();
        }
        return all;
    }

    private void prewarm(StubProcess stub, ScheduledExecutorService retries) throws Exception {
        if (config.prewarm().isZero()) {
            return;
        }
        Duration each = config.prewarm().dividedBy(config.contenders().size());
        int concurrency = Math.min(16, config.concurrency().stream().mapToInt(Integer::intValue).max().orElse(16));
        for (String name : config.contenders()) {
            log.printf("prewarm: %s, C=%d, %s%n", name, concurrency, text(each));
            runOne(name, stub, concurrency, each, null, retries, new HashMap<>());
        }
    }

    /**
     * One contender at one concurrency: start, warm up, measure (unless {@code measure} is null), stop, close.
     * Threads of the contender still alive shortly after close are put in {@code left}.
     */
    private Result runOne(String name, StubProcess stub, int concurrency, Duration warmup, Duration measure,
                          ScheduledExecutorService retries, Map<Long, String> left) throws Exception {
        long begun = System.nanoTime();
        Set<Long> before = liveThreadIds();
        Contender contender = Contenders.create(name);
        Result result = null;
        ClosedLoop loop = null;
        long closing = 0;
        long[] runHits0 = stub.hits();
        try {
            contender.start(stub.addresses(), concurrency);
            loop = new ClosedLoop(contender, concurrency, retries);
            loop.start();
            Thread.sleep(warmup.toMillis());
            if (measure != null) {
                long[] hits0 = stub.hits();
                loop.interval();
                Snapshot s0 = Snapshot.take();
                long c0 = loop.completed();
                long half = measure.toNanos() / 2;
                sleepUntil(s0.nanos + half);
                long cMid = loop.completed();
                long tMid = System.nanoTime();
                sleepUntil(s0.nanos + measure.toNanos());
                // A window of fewer requests than asked for goes on, for at most 30 s more.
                long cap = s0.nanos + measure.toNanos() + TimeUnit.SECONDS.toNanos(30);
                while (loop.completed() - c0 < config.minRequests() && System.nanoTime() < cap) {
                    Thread.sleep(1);
                }
                long c1 = loop.completed();
                Snapshot s1 = Snapshot.take();
                Histogram latencies = loop.interval();
                int threads = newThreads(before).size();
                long[] hits1 = stub.hits();
                result = result(name, stub, concurrency, loop, s0, s1, c0, cMid, tMid, c1, latencies, threads, hits0,
                        hits1);
            }
            if (!loop.stop(10_000)) {
                log.printf("  %s: requests still in flight 10 s after the end of the run%n", name);
            }
            if (result != null) {
                Throwable first = loop.firstError();
                long[] runHits1 = stub.hits();
                long[] runHits = new long[runHits1.length];
                for (int i = 0; i < runHits.length; i++) {
                    runHits[i] = runHits1[i] - runHits0[i];
                }
                result = result.withRun(loop.errors(), first == null ? null : first.toString(), runHits);
            }
        } finally {
            if (loop != null) {
                loop.stop(0);
            }
            closing = System.nanoTime();
            contender.close();
        }
        long closed = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREADS_END_MILLIS);
        Map<Long, String> remaining = newThreads(before);
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            remaining = newThreads(before);
        }
        left.putAll(remaining);
        log.printf("  %s%s; %d ms in all, close() %d ms%s%n", name,
                result == null ? "" : String.format(Locale.ROOT, ": %,.0f req/s, %d errors", result.requestsPerSecond(),
                        result.errors()),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun),
                TimeUnit.NANOSECONDS.toMillis(closed - closing),
                remaining.isEmpty() ? "" : ", threads not ended " + THREADS_END_MILLIS + " ms later: "
                        + remaining.values());
        return result;
    }

    private static Result result(String name, StubProcess stub, int concurrency, ClosedLoop loop, Snapshot s0,
                                 Snapshot s1, long c0, long cMid, long tMid, long c1, Histogram latencies, int threads,
                                 long[] hits0, long[] hits1) {
        long requests = c1 - c0;
        double seconds = (s1.nanos - s0.nanos) / 1e9;
        double firstHalf = (cMid - c0) / ((tMid - s0.nanos) / 1e9);
        double secondHalf = (c1 - cMid) / ((s1.nanos - tMid) / 1e9);
        long[] hits = new long[hits1.length];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = hits1[i] - hits0[i];
        }
        long allocated = 0;
        for (Map.Entry<Long, Long> thread : s1.allocated.entrySet()) {
            allocated += thread.getValue() - s0.allocated.getOrDefault(thread.getKey(), 0L);
        }
        long heapAllocated = s1.heapAllocated - s0.heapAllocated;
        Throwable firstError = loop.firstError();
        return new Result(name, stub.ports().size(), concurrency, requests, seconds,
                requests / seconds,
                latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(50) / 1e3,
                latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(99) / 1e3,
                requests == 0 ? Double.NaN : (s1.cpuNanos - s0.cpuNanos) / 1e3 / requests,
                requests == 0 ? Double.NaN : (double) heapAllocated / requests,
                requests == 0 ? Double.NaN : (double) allocated / requests,
                s1.gcCount - s0.gcCount,
                threads,
                s1.threadsStarted - s0.threadsStarted,
                firstHalf == 0 ? Double.NaN : (secondHalf - firstHalf) / firstHalf,
                loop.errors(),
                firstError == null ? null : firstError.toString(),
                hits,
                hits,
                List.of());
    }

    /**
     * Threads of closed contenders still alive get a GC (a {@code java.net.http.HttpClient}'s selector thread ends
     * only once the client is collected) and a few seconds more; those alive after that are the runs' left threads.
     */
    private List<Result> checkThreadsEnded(List<Result> table, List<Map<Long, String>> pending)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREADS_END_FINAL_MILLIS);
        boolean any = pending.stream().anyMatch(m -> !m.isEmpty());
        long lastGc = 0;
        while (any && System.nanoTime() < deadline) {
            if (System.nanoTime() - lastGc > TimeUnit.MILLISECONDS.toNanos(1_000)) {
                System.gc();
                lastGc = System.nanoTime();
            }
            Thread.sleep(50);
            Set<Long> alive = liveThreadIds();
            any = false;
            for (Map<Long, String> threads : pending) {
                threads.keySet().retainAll(alive);
                any |= !threads.isEmpty();
            }
        }
        List<Result> checked = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            Result result = table.get(i);
            List<String> left = new ArrayList<>(pending.get(i).values());
            if (!left.isEmpty()) {
                log.printf("  %s, C=%d: threads left after close: %s%n", result.contender(), result.concurrency(),
                        left);
            }
            checked.add(result.withLeftThreads(left));
        }
        return checked;
    }

    private static Set<Long> liveThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (long id : THREADS.getAllThreadIds()) {
            ids.add(id);
        }
        return ids;
    }

    /** Live threads that did not exist in {@code before}, by id, with their names. */
    private static Map<Long, String> newThreads(Set<Long> before) {
        Map<Long, String> threads = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        List<Long> fresh = new ArrayList<>();
        for (long id : ids) {
            if (!before.contains(id)) {
                fresh.add(id);
            }
        }
        if (fresh.isEmpty()) {
            return threads;
        }
        ThreadInfo[] infos = THREADS.getThreadInfo(fresh.stream().mapToLong(Long::longValue).toArray());
        for (ThreadInfo info : infos) {
            if (info != null) {
                threads.put(info.getThreadId(), info.getThreadName());
            }
        }
        return threads;
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long remaining;
        while ((remaining = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The client JVM's counters at one instant. */
    private static final class Snapshot {
        final long nanos;
        final long cpuNanos;
        final long gcCount;
        final long threadsStarted;
        /** Bytes allocated so far by each live thread, by id. */
        final Map<Long, Long> allocated;
        /** Bytes allocated so far by the JVM, threads that ended included ({@link HeapAllocation}). */
        final long heapAllocated;

        private Snapshot(long nanos, long cpuNanos, long gcCount, long threadsStarted, Map<Long, Long> allocated,
                long heapAllocated) {
            this.heapAllocated = heapAllocated;
            this.nanos = nanos;
            this.cpuNanos = cpuNanos;
            this.gcCount = gcCount;
            this.threadsStarted = threadsStarted;
            this.allocated = allocated;
        }

        static Snapshot take() throws InterruptedException {
            HeapAllocation.awaitReported();
            long nanos = System.nanoTime();
            long cpuNanos = OS.getProcessCpuTime();
            long[] ids = THREADS.getAllThreadIds();
            long[] bytes = THREADS.getThreadAllocatedBytes(ids);
            Map<Long, Long> allocated = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] >= 0) {
                    allocated.put(ids[i], bytes[i]);
                }
            }
            long gc = HeapAllocation.collections();
            long started = THREADS.getTotalStartedThreadCount();
            return new Snapshot(nanos, cpuNanos, gc, started, allocated, HeapAllocation.allocatedSoFar());
        }
    }
}
