package io.aioarango.examples;

import io.aioarango.api.ArangoException;
import io.aioarango.api.Cluster;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.Database;
import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.api.MaintenanceMode;
import io.aioarango.api.RebalanceOptions;
import io.aioarango.api.RebalancePlan;
import io.aioarango.api.ServerCount;
import io.aioarango.api.ServerEngine;
import io.aioarango.api.ServerHealth;
import io.aioarango.api.ServerMaintenanceMode;
import io.aioarango.api.ServerStatistics;
import io.aioarango.api.ServerVersion;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.ArangoMetrics;
import io.aioarango.core.HostResolvers;
import io.aioarango.testkit.FakeCluster;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A tour of the SDK: hosts given three ways, both resolvers, every cluster call with its result and the
 * coordinator that served it, maintenance mode, a coordinator stopped mid-run, and the metrics per
 * coordinator at the end.
 *
 * <p>By default it starts an embedded cluster of three coordinators ({@code arango-testkit}), so it runs
 * anywhere. With {@code ARANGO_HOSTS} (and {@code ARANGO_USER}, {@code ARANGO_PASSWORD}) it talks to
 * your cluster instead; there it only reads, unless {@code ARANGO_TOUR_WRITE=true} lets it switch
 * maintenance mode on and off and start a rebalance. Stopping a coordinator needs the embedded cluster.
 */
public final class Tour {
    private final PrintStream out;
    private final Map<String, String> env;

    Tour(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    /**
     * Runs the tour and prints it to standard output.
     *
     * @param args none
     */
    public static void main(String[] args) {
        new Tour(System.out, System.getenv()).run();
    }

    void run() {
        // The SDK logs through System.Logger (java.util.logging unless you bridge it): its warnings become
        // lines of the tour.
        Logger sdkLogger = Logger.getLogger("io.aioarango");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    out.println("  log " + record.getLevel() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        handler.setLevel(Level.INFO);
        sdkLogger.addHandler(handler);
        sdkLogger.setUseParentHandlers(false);
        try {
            runTour();
        } finally {
            sdkLogger.removeHandler(handler);
            sdkLogger.setUseParentHandlers(true);
        }
    }

    private void runTour() {
        String hosts = env.get("ARANGO_HOSTS");
        if (hosts == null || hosts.isBlank()) {
            try (FakeCluster cluster = FakeCluster.start(3)) {
                out.println("aioarango for Java: the tour, against an embedded cluster of 3 coordinators"
                        + " (set ARANGO_HOSTS to use yours)");
                tour(cluster.hostsString(), "root", "passwd", cluster, true);
            }
        } else {
            boolean write = "true".equalsIgnoreCase(env.get("ARANGO_TOUR_WRITE"));
            out.println("aioarango for Java: the tour, against " + hosts
                    + (write ? "" : " (read-only; ARANGO_TOUR_WRITE=true also toggles maintenance and rebalances)"));
            tour(hosts, env.getOrDefault("ARANGO_USER", "root"), env.getOrDefault("ARANGO_PASSWORD", ""), null, write);
        }
    }

    private void tour(String hosts, String user, String password, FakeCluster embedded, boolean write) {
        List<String> hostList = List.of(hosts.split(","));

        section("1. Coordinators: one URL, a list, or one comma-separated string");
        try (ArangoClient one = ArangoClient.builder().hosts(hostList.get(0)).build()) {
            row("hosts(\"" + hostList.get(0) + "\")", one.hosts());
        }
        try (ArangoClient list = ArangoClient.builder().hosts(hostList).build()) {
            row("hosts(List.of(...))", list.hosts());
        }
        try (ArangoClient string = ArangoClient.builder().hosts(hosts).build()) {
            row("hosts(\"a,b,c\")", string.hosts());
            row("transport", string.transportName() + " (the one on the class path with the highest priority)");
        }

        section("2. Host resolvers: which coordinator answers serverId(), six times");
        for (String resolver : HostResolvers.NAMES) {
            try (ArangoClient client = ArangoClient.builder().hosts(hosts).hostResolver(resolver).build()) {
                Cluster cluster = client.db("_system", user, password).join().cluster();
                List<String> served = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    served.add(shortId(cluster.serverId().join()));
                }
                row(resolver, String.join(" ", served));
            }
        }

        MeterRegistry registry = new SimpleMeterRegistry();
        ServedBy servedBy = new ServedBy(HostResolvers.roundRobin());
        try (ArangoClient client = ArangoClient.builder()
                .hosts(hosts)
                .hostResolver(servedBy)
                .meterRegistry(registry)
                .hostBackoff(Duration.ofSeconds(30), Duration.ofMinutes(1))
                .build()) {
            Database sysDb = client.db("_system", user, password).join();
            Cluster cluster = sysDb.cluster();

            section("3. db(\"_system\", \"" + user + "\", ...).cluster(): every call, and the coordinator that served it");
            call(servedBy, "serverId()", cluster::serverId);
            call(servedBy, "serverRole()", cluster::serverRole);
            call(servedBy, "serverMode()", cluster::serverMode);
            ClusterHealth health = call(servedBy, "health()", cluster::health, Tour::describe);
            call(servedBy, "serverCount()", cluster::serverCount, Tour::describe);
            String dbServer = health.servers().values().stream().filter(s -> "DBServer".equals(s.role()))
                    .map(ServerHealth::id).findFirst().orElseThrow();
            String shortDbServer = shortId(dbServer);
            call(servedBy, "serverVersion(" + shortDbServer + ")", () -> cluster.serverVersion(dbServer),
                    ServerVersion::version);
            call(servedBy, "serverEngine(" + shortDbServer + ")", () -> cluster.serverEngine(dbServer),
                    ServerEngine::name);
            call(servedBy, "serverStatistics(" + shortDbServer + ")", () -> cluster.serverStatistics(dbServer),
                    Tour::describe);
            call(servedBy, "serverMaintenanceMode(" + shortDbServer + ")", () -> cluster.serverMaintenanceMode(dbServer),
                    m -> m.map(x -> x.mode() + " until " + x.until()).orElse("normal"));
            call(servedBy, "endpoints()", cluster::endpoints);
            call(servedBy, "calculateImbalance()", cluster::calculateImbalance, Tour::describe);
            RebalancePlan plan = call(servedBy, "calculateRebalancePlan(...)", () -> cluster.calculateRebalancePlan(
                    RebalanceOptions.builder().maximumNumberOfMoves(10).build()), p -> p.moves().size() + " move(s)");

            section("4. Maintenance mode on and off");
            if (write) {
                call(servedBy, "toggleMaintenanceMode(ON)", () -> cluster.toggleMaintenanceMode(MaintenanceMode.ON));
                call(servedBy, "toggleMaintenanceMode(OFF)", () -> cluster.toggleMaintenanceMode(MaintenanceMode.OFF));
                call(servedBy, "toggleServerMaintenanceMode(id, MAINTENANCE, 10m)",
                        () -> cluster.toggleServerMaintenanceMode(dbServer, ServerMaintenanceMode.MAINTENANCE,
                                Duration.ofMinutes(10)), ignored -> "done");
                call(servedBy, "serverMaintenanceMode(" + shortDbServer + ")", () -> cluster.serverMaintenanceMode(dbServer),
                        m -> m.map(x -> x.mode() + " until " + x.until()).orElse("normal"));
                call(servedBy, "toggleServerMaintenanceMode(id, NORMAL)",
                        () -> cluster.toggleServerMaintenanceMode(dbServer, ServerMaintenanceMode.NORMAL), ignored -> "done");
                call(servedBy, "executeRebalancePlan(plan.moves())", () -> cluster.executeRebalancePlan(plan.moves()),
                        ignored -> "started " + plan.moves().size() + " move(s)");
            } else {
                out.println("  skipped: read-only against your cluster (ARANGO_TOUR_WRITE=true to run it)");
            }

            section("5. Failover: a coordinator stops in the middle of the run");
            if (embedded != null) {
                embedded.coordinator(1).stop();
                out.println("  stopped " + embedded.coordinator(1).url().substring("http://".length())
                        + " (" + shortId(embedded.coordinator(1).serverId()) + ")");
                for (int i = 0; i < 4; i++) {
                    call(servedBy, "serverId()", cluster::serverId, Tour::shortId);
                }
                embedded.coordinator(1).start();
                out.println("  started it again: it is tried once its back-off has passed");
            } else {
                out.println("  skipped: stopping a coordinator needs the embedded cluster");
            }

            // Before close(): a closed client's meters leave the registry.
            section("6. Metrics per coordinator (Micrometer, " + ArangoMetrics.REQUESTS + " and friends)");
            printMetrics(registry);
        }
    }

    /**
     * A resolver of your own: it delegates to round robin and remembers its picks for the current call, so
     * the last pick of a call that succeeded is the coordinator that served it. The tour runs one call at
     * a time; a resolver is called from many threads in general.
     */
    private static final class ServedBy implements HostResolver {
        private final HostResolver delegate;
        private final List<Host> picks = new CopyOnWriteArrayList<>();

        ServedBy(HostResolver delegate) {
            this.delegate = delegate;
        }

        @Override
        public Host select(List<Host> candidates) {
            Host host = delegate.select(candidates);
            picks.add(host);
            return host;
        }

        void newCall() {
            picks.clear();
        }

        String last() {
            return picks.isEmpty() ? "-" : picks.get(picks.size() - 1).authority();
        }

        /** The coordinators tried before the one that answered, if any. */
        String failedOver() {
            return picks.size() < 2 ? "" : "  (failed over from "
                    + picks.subList(0, picks.size() - 1).stream().map(Host::authority).toList() + ")";
        }
    }

    private <T> T call(ServedBy servedBy, String name, Supplier<CompletableFuture<T>> call) {
        return call(servedBy, name, call, String::valueOf);
    }

    private <T> T call(ServedBy servedBy, String name, Supplier<CompletableFuture<T>> call,
            java.util.function.Function<T, String> describe) {
        servedBy.newCall();
        try {
            T result = call.get().join();
            out.printf("  %-50s %-17s %s%s%n", name, servedBy.last(), describe.apply(result), servedBy.failedOver());
            return result;
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            out.printf("  %-50s %-17s failed: %s%n", name, "-",
                    cause instanceof ArangoException ? cause.getMessage() : cause.toString());
            return null;
        }
    }

    private void section(String title) {
        out.println();
        out.println(title);
    }

    private void row(String name, Object value) {
        out.printf("  %-50s %s%n", name, value);
    }

    /** {@code CRDN-0b3f...}: the role prefix and the first eight characters of a server id. */
    private static String shortId(String id) {
        int dash = id.indexOf('-');
        return dash < 0 || id.length() <= dash + 9 ? id : id.substring(0, dash + 9);
    }

    private static String describe(ClusterHealth health) {
        Map<String, Integer> roles = new TreeMap<>();
        long good = health.servers().values().stream().filter(ServerHealth::isGood).count();
        health.servers().values().forEach(s -> roles.merge(String.valueOf(s.role()), 1, Integer::sum));
        return health.servers().size() + " servers " + roles + ", " + good + " GOOD";
    }

    private static String describe(ServerCount count) {
        return count.numberOfCoordinators() + " coordinators, " + count.numberOfDbServers() + " DB-Servers";
    }

    private static String describe(ServerStatistics statistics) {
        return "taken at " + statistics.time() + ", " + statistics.system().size() + " system figures";
    }

    private static String describe(ClusterImbalance imbalance) {
        return String.format("leader imbalance %.4g, ", imbalance.leader().imbalance()) + imbalance.pendingMoveShards()
                + " moves pending";
    }

    private void printMetrics(MeterRegistry registry) {
        out.printf("  %-17s %8s %8s %9s %4s %9s%n", "coordinator", "requests", "failed", "failovers", "up", "mean ms");
        Map<String, long[]> rows = new TreeMap<>();
        Map<String, double[]> times = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String host = meter.getId().getTag(ArangoMetrics.TAG_HOST);
            if (host == null) {
                continue;
            }
            long[] row = rows.computeIfAbsent(host, h -> new long[4]);
            double[] time = times.computeIfAbsent(host, h -> new double[1]);
            String name = meter.getId().getName();
            if (name.equals(ArangoMetrics.REQUESTS) && meter instanceof Timer timer) {
                row[0] += timer.count();
                if (!"SUCCESS".equals(meter.getId().getTag(ArangoMetrics.TAG_OUTCOME))) {
                    row[1] += timer.count();
                }
                time[0] += timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
            } else if (name.equals(ArangoMetrics.FAILOVERS)) {
                meter.measure().forEach(m -> row[2] += (long) m.getValue());
            } else if (name.equals(ArangoMetrics.HOST_UP)) {
                meter.measure().forEach(m -> row[3] = (long) m.getValue());
            }
        }
        rows.forEach((host, row) -> out.printf("  %-17s %8d %8d %9d %4s %9.2f%n", host, row[0], row[1], row[2],
                row[3] == 1 ? "yes" : "no", row[0] == 0 ? 0.0 : times.get(host)[0] / row[0]));
    }
}
