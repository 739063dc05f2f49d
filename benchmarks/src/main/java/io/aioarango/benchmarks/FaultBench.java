package io.aioarango.benchmarks;

import io.aioarango.api.Cluster;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.ArangoMetrics;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.FakeCoordinator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The fault runner: what a client at its defaults does while one coordinator of three goes silent. For each
 * transport it starts an in-process {@link FakeCluster} of 3 coordinators, warms up (unmeasured), measures a
 * reference (the same loop against a client of coordinators 0 and 2 only), then keeps {@code fault.concurrency}
 * calls of {@code cluster().serverId()} in flight through a timeline: healthy, coordinator 1 {@code freeze()}, healed,
 * coordinator 1 {@code blackhole()}, healed. One row per {@code fault.sample}; a markdown table and a summary
 * per transport go to standard output, progress and the SDK's log (with the time in the timeline) to standard
 * error, and a picture of both transports to {@code fault.svg}. It does not judge the figures: it exits 0
 * unless something crashed. Run it with {@code mvn -q -Pfault package -pl benchmarks -am} (benchmarks/README.md).
 */
public final class FaultBench {
    /** The coordinator that misbehaves; 0 and 2 stay healthy. */
    static final int FAULTY = 1;
    /** How long the loop gets to end its requests in flight after a timeline. */
    private static final long STOP_MILLIS = 10_000;

    /** What coordinator {@link #FAULTY} does in a phase. */
    enum Fault { NONE, FREEZE, BLACKHOLE }

    /**
     * One part of the timeline.
     *
     * @param name   its name in the tables
     * @param fault  what coordinator 1 does meanwhile; at the start of a phase without one, it is healed
     * @param offset when it starts, from the start of the timeline
     * @param length how long it lasts
     */
    record Phase(String name, Fault fault, Duration offset, Duration length) {
        double fromSeconds() {
            return offset.toNanos() / 1e9;
        }

        double toSeconds() {
            return offset.plus(length).toNanos() / 1e9;
        }
    }

    /**
     * One row: the requests completed in one sample of the timeline, and the client's meters at its end.
     *
     * @param from         start of the sample, seconds from the start of the timeline (or of the reference)
     * @param to           its end
     * @param phase        the phase it belongs to
     * @param completed    requests that succeeded in it
     * @param failures     requests that failed in it, by exception type (simple class name)
     * @param p99Millis    99th percentile latency of the requests completed in it, 0 without any
     * @param maxMillis    the longest of them
     * @param hedges       {@link ArangoMetrics#HEDGES} counted in it, by result tag
     * @param ejections    {@link ArangoMetrics#EJECTIONS} counted in it
     * @param up           {@link ArangoMetrics#HOST_UP} of each coordinator at its end: 1, 0, or -1 when absent
     * @param received     requests each coordinator received in it (hedges and probes included)
     */
    record Row(double from, double to, String phase, long completed, Map<String, Long> failures, double p99Millis,
               double maxMillis, Map<String, Long> hedges, long ejections, int[] up, long[] received) {
        double perSecond() {
            return to > from ? completed / (to - from) : 0;
        }

        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        long hedged() {
            return hedges.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One transport's run.
     *
     * @param transport        the transport's name
     * @param referencePerSecond throughput of the reference loop (coordinators 0 and 2 only)
     * @param referenceP99Millis its 99th percentile latency
     * @param phases           the timeline
     * @param rows             the timeline's rows, in order
     * @param firstFailures    the first failure of each exception type, as {@code toString()}
     * @param stopped          whether every request in flight ended after the timeline
     */
    record Run(String transport, double referencePerSecond, double referenceP99Millis, List<Phase> phases,
               List<Row> rows, Map<String, String> firstFailures, boolean stopped) {
    }

    private final FaultConfig config;
    private final PrintStream out;
    private final PrintStream log;

    private FaultBench(FaultConfig config, PrintStream out, PrintStream log) {
        this.config = config;
        this.out = out;
        this.log = log;
    }

    /**
     * Runs the fault benchmark with the settings of the {@code fault.*} system properties (see
     * {@link FaultConfig}); exits 1 only if it crashed.
     *
     * @param args none
     */
    public static void main(String[] args) {
        TimelineLog.install(System.err);
        int status = 0;
        try {
            run(FaultConfig.fromSystemProperties(), System.out, System.err);
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs every transport's timeline, prints the tables and the verdicts, and writes the picture.
     *
     * @param config the settings
     * @param out    where the tables go
     * @param log    where progress goes
     * @return each transport's run
     * @throws Exception if the cluster, a client or the picture could not be made
     */
    static List<Run> run(FaultConfig config, PrintStream out, PrintStream log) throws Exception {
        return new FaultBench(config, out, log).run();
    }

    static List<Phase> timeline(FaultConfig config) {
        List<Phase> phases = new ArrayList<>();
        Duration at = Duration.ZERO;
        for (Object[] p : new Object[][] {
                {"healthy", Fault.NONE, config.healthy()},
                {"freeze", Fault.FREEZE, config.fault()},
                {"after freeze", Fault.NONE, config.healed()},
                {"blackhole", Fault.BLACKHOLE, config.fault()},
                {"after blackhole", Fault.NONE, config.healed()}}) {
            Duration length = (Duration) p[2];
            phases.add(new Phase((String) p[0], (Fault) p[1], at, length));
            at = at.plus(length);
        }
        return List.copyOf(phases);
    }

    private List<Run> run() throws Exception {
        ScheduledExecutorService retries = ClosedLoop.retryScheduler("fault-retries");
        List<Run> runs = new ArrayList<>();
        out.println("# aioarango fault benchmark: one coordinator of three frozen, then black-holed");
        out.println();
        out.printf("JVM %s %s, %d cores, max heap %d MiB; closed loop of %d `cluster().serverId()` in flight, "
                        + "client defaults; in-process FakeCluster of 3; warm-up %s; reference %s; "
                        + "phases: healthy %s, fault %s, healed %s; one row per %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                config.concurrency(), Bench.text(config.warmup()), Bench.text(config.reference()),
                Bench.text(config.healthy()), Bench.text(config.fault()), Bench.text(config.healed()),
                Bench.text(config.sample()));
        out.flush();
        try {
            for (String transport : config.transports()) {
                Run run = runTransport(transport, retries);
                runs.add(run);
                out.println();
                out.print(FaultReport.table(run, config));
                out.flush();
            }
        } finally {
            retries.shutdownNow();
        }
        out.println();
        out.print(FaultReport.verdicts(runs, config));
        Files.createDirectories(config.svg().getParent());
        Files.writeString(config.svg(), FaultSvg.render(runs, config), StandardCharsets.UTF_8);
        out.println();
        out.println("Picture: " + config.svg());
        out.flush();
        return runs;
    }

    private Run runTransport(String transport, ScheduledExecutorService retries) throws Exception {
        try (FakeCluster cluster = FakeCluster.start(3)) {
            List<FakeCoordinator> all = cluster.coordinators();
            log.printf("%s: coordinators %s%n", transport, cluster.hosts());

            // Unmeasured: the JIT compiles the client's and the fake cluster's paths (on a machine of 2 cores it
            // takes seconds), so that the reference and the healthy start are measured warm.
            try (Client client = new Client(transport, all)) {
                ClosedLoop loop = new ClosedLoop(client, config.concurrency(), retries);
                TimelineLog.clock(transport + " warm-up", System.nanoTime());
                log.printf("%s: warm-up, all coordinators, %s%n", transport, Bench.text(config.warmup()));
                loop.start();
                long end = System.nanoTime() + config.warmup().toNanos();
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    Bench.sleepUntil(Math.min(end, now + TimeUnit.SECONDS.toNanos(1)));
                    FaultSampler.received(all);   // the testkit's request log, forgotten as the rows do
                }
                stop(loop, transport + " warm-up");
            }
            FaultSampler.received(all);

            // The reference: what the two healthy coordinators serve, with a client that knows only them.
            List<Row> reference;
            Histogram referenceLatencies = new Histogram(3);
            try (Client client = new Client(transport, List.of(all.get(0), all.get(2)))) {
                FailureTally tally = new FailureTally();
                ClosedLoop loop = new ClosedLoop(client, config.concurrency(), retries, tally::count);
                Phase whole = new Phase("reference", Fault.NONE, Duration.ZERO, config.reference());
                log.printf("%s: reference, coordinators 0 and 2 only, %s%n", transport,
                        Bench.text(config.reference()));
                loop.start();
                FaultSampler sampler = new FaultSampler(config.sample(), loop, tally, client.registry, all);
                TimelineLog.clock(transport + " reference", sampler.start());
                reference = sampler.rows(whole, referenceLatencies);
                stop(loop, transport + " reference");
            }
            // The first sample warms the client up; it does not count unless it is the only one.
            List<Row> counted = reference.size() > 1 ? reference.subList(1, reference.size()) : reference;
            double seconds = counted.stream().mapToDouble(r -> r.to() - r.from()).sum();
            double referencePerSecond = counted.stream().mapToLong(Row::completed).sum() / seconds;
            double referenceP99 = referenceLatencies.getTotalCount() > 0
                    ? referenceLatencies.getValueAtPercentile(99) / 1e6 : reference.get(0).p99Millis();

            List<Phase> phases = timeline(config);
            List<Row> rows = new ArrayList<>();
            FailureTally tally = new FailureTally();
            boolean stopped;
            try (Client client = new Client(transport, all)) {
                ClosedLoop loop = new ClosedLoop(client, config.concurrency(), retries, tally::count);
                loop.start();
                FaultSampler sampler = new FaultSampler(config.sample(), loop, tally, client.registry, all);
                TimelineLog.clock(transport, sampler.start());
                try {
                    for (Phase phase : phases) {
                        Bench.sleepUntil(sampler.start() + phase.offset().toNanos());
                        long switched = System.nanoTime();
                        apply(phase, all.get(FAULTY));
                        // The JVM's uptime too, which GC logs (-Dfault.jvmArg=-Xlog:gc:stderr:uptime) are stamped with.
                        log.printf("%s t=%s s: %s (%d ms; JVM uptime %.3f s)%n", transport,
                                FaultReport.seconds(phase.fromSeconds()), switch (phase.fault()) {
                                    case FREEZE -> "coordinator 1 freeze()";
                                    case BLACKHOLE -> "coordinator 1 blackhole()";
                                    case NONE -> phase.offset().isZero() ? "all healthy" : "coordinator 1 heal()";
                                }, (System.nanoTime() - switched) / 1_000_000,
                                ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
                        rows.addAll(sampler.rows(phase, null));
                    }
                } finally {
                    all.get(FAULTY).heal();
                }
                stopped = stop(loop, transport);
            }
            TimelineLog.clock("after " + transport, System.nanoTime());
            return new Run(transport, referencePerSecond, referenceP99, phases, List.copyOf(rows),
                    Map.copyOf(tally.first), stopped);
        }
    }

    private static void apply(Phase phase, FakeCoordinator coordinator) {
        switch (phase.fault()) {
            case FREEZE -> coordinator.freeze();
            case BLACKHOLE -> coordinator.blackhole();
            case NONE -> {
                if (!phase.offset().isZero()) {
                    coordinator.heal();
                }
            }
        }
    }

    private boolean stop(ClosedLoop loop, String what) throws InterruptedException {
        boolean stopped = loop.stop(STOP_MILLIS);
        if (!stopped) {
            log.printf("%s: requests still in flight %d s after the end%n", what, STOP_MILLIS / 1000);
        }
        return stopped;
    }

    /**
     * The SDK at its defaults: only the hosts, the transport and a meter registry of its own are set.
     */
    private static final class Client implements Contender, AutoCloseable {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        private final ArangoClient client;
        private final Cluster cluster;

        Client(String transport, List<FakeCoordinator> coordinators) {
            client = ArangoClient.builder()
                    .hosts(coordinators.stream().map(FakeCoordinator::url).toList())
                    .transport(transport)
                    .meterRegistry(registry)
                    .build();
            try {
                cluster = client.db("_system", "root", "passwd").join().cluster();
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }

        @Override
        public void start(List<InetSocketAddress> coordinators, int concurrency) {
            // Built in the constructor.
        }

        @Override
        public CompletableFuture<String> serverId() {
            return cluster.serverId();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
