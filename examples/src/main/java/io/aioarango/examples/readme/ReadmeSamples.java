package io.aioarango.examples.readme;

import io.aioarango.api.AgencyJob;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.ArangoResponse;
import io.aioarango.api.Cluster;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.CoordinatorAvailability;
import io.aioarango.api.Credentials;
import io.aioarango.api.Database;
import io.aioarango.api.HttpProtocol;
import io.aioarango.api.TlsSettings;
import io.aioarango.api.DatabaseInventory;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.InventoryCollection;
import io.aioarango.api.MaintenanceMode;
import io.aioarango.api.RebalanceOptions;
import io.aioarango.api.RebalancePlan;
import io.aioarango.api.ServerCount;
import io.aioarango.api.ServerEngine;
import io.aioarango.api.ServerMaintenance;
import io.aioarango.api.ServerMaintenanceMode;
import io.aioarango.api.ServerMode;
import io.aioarango.api.ServerRole;
import io.aioarango.api.ServerStatistics;
import io.aioarango.api.ServerVersion;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.ArangoObservationContext;
import io.aioarango.core.DefaultArangoObservationConvention;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.transport.jdk.JdkTransport;
import io.aioarango.transport.netty.NettyTransport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.security.KeyStore;
import java.util.List;
import java.util.Comparator;
import io.aioarango.core.Hedging;
import io.aioarango.api.HostResolver;
import io.aioarango.api.HostCandidate;
import io.aioarango.api.Host;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The README's code samples. Each README block is a run of lines of this file (ReadmeTest checks it), so
 * every sample compiles. Nothing here is run; the tour runs the same calls.
 */
@SuppressWarnings("unused")
final class ReadmeSamples {
    private ReadmeSamples() {
    }

    static void coordinators() {
        try (ArangoClient client = ArangoClient.builder()
                .hosts("http://localhost:8529")                             // a single coordinator
                .build()) {
            System.out.println(client.hosts());                            // [http://localhost:8529]
        }

        ArangoClient.builder().hosts(List.of("http://host1:8529", "http://host2:8529"));   // a list
        ArangoClient.builder().hosts("http://host1:8529", "http://host2:8529");            // one by one
        ArangoClient.builder().hosts("http://host1:8529,http://host2:8529");               // comma-separated
    }

    static void noHosts() {
        ArangoClient.builder().build();   // IllegalArgumentException: No coordinator given: call hosts(...) ...
        ArangoClient.builder().hosts("http://127.0.0.1:8529").build();   // Python's default, said out loud
    }

    static void databases(ArangoClient client) {
        Database sysDb = client.db("_system", "root", "passwd").join();     // or db(name, Credentials.of(...))
        Cluster cluster = sysDb.cluster();
    }

    static void loadBalancing(List<String> hosts) {
        ArangoClient.builder().hosts(hosts).hostResolver("leastloaded");  // the default: the less loaded of two
        ArangoClient.builder().hosts(hosts).hostResolver("roundrobin");   // each in turn
        ArangoClient.builder().hosts(hosts).hostResolver("random");       // uniformly at random
        ArangoClient.builder().hosts(hosts).hostResolver(candidates -> candidates.get(0));   // your own
    }

    static void loadAwareResolver(List<String> hosts) {
        HostResolver fewestInFlight = new HostResolver() {
            @Override
            public Host select(List<Host> candidates) {
                return candidates.get(0);                                   // only when shown bare hosts
            }

            @Override
            public HostCandidate choose(List<? extends HostCandidate> candidates) {
                return candidates.stream().min(Comparator.comparingInt(HostCandidate::inFlight)).orElseThrow();
            }
        };
        ArangoClient.builder().hosts(hosts).hostResolver(fewestInFlight);
    }

    static void silentCoordinators(List<String> hosts) {
        ArangoClient.builder().hosts(hosts)
                .hedging(Hedging.adaptive())                // the default: after the p95, at least 20 ms
                .ejectAfterSlowAttempts(5)                  // the default; 0 never ejects
                .hostBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));   // the default
        ArangoClient.builder().hosts(hosts).hedging(Hedging.after(Duration.ofMillis(50)));   // a fixed delay
        ArangoClient.builder().hosts(hosts).hedging(Hedging.off());   // never send a request twice
    }

    static void clusterAdministration(Cluster cluster) {
        String id = cluster.serverId().join();                     // GET /_admin/server/id
        ServerRole role = cluster.serverRole().join();             // COORDINATOR, PRIMARY, AGENT, SINGLE, ...
        ServerMode mode = cluster.serverMode().join();             // DEFAULT or READONLY
        ClusterHealth health = cluster.health().join();            // ClusterId and every server's health
        ServerCount count = cluster.serverCount().join();          // target numbers, cleaned servers

        String dbServer = health.servers().keySet().stream()
                .filter(serverId -> serverId.startsWith("PRMR-")).findFirst().orElseThrow();
        ServerVersion version = cluster.serverVersion(dbServer).join();          // any server's /_api/version
        ServerEngine engine = cluster.serverEngine(dbServer).join();             // any server's /_api/engine
        ServerStatistics statistics = cluster.serverStatistics(dbServer).join(); // any server's /_admin/statistics

        String warning = cluster.toggleMaintenanceMode(MaintenanceMode.ON).join();   // or "on" / "off", any case
        cluster.toggleServerMaintenanceMode(dbServer, ServerMaintenanceMode.MAINTENANCE, Duration.ofMinutes(10)).join();
        Optional<ServerMaintenance> maintenance = cluster.serverMaintenanceMode(dbServer).join();
        cluster.toggleServerMaintenanceMode(dbServer, ServerMaintenanceMode.NORMAL).join();

        List<String> endpoints = cluster.endpoints().join();       // e.g. tcp://[::1]:8530

        ClusterImbalance imbalance = cluster.calculateImbalance().join();
        RebalancePlan plan = cluster.calculateRebalancePlan(RebalanceOptions.builder()
                .maximumNumberOfMoves(50).moveLeaders(true).build()).join();   // only the options set are sent
        cluster.executeRebalancePlan(plan.moves()).join();
        RebalancePlan started = cluster.rebalance().join();        // compute a plan and start it at once
    }

    static void clusterOperations(Cluster cluster, String dbServer, String otherDbServer) {
        DatabaseInventory inventory = cluster.databaseInventory("_system").join();   // shards and their servers
        InventoryCollection orders = inventory.collection("orders").orElseThrow();
        String shard = orders.shards().keySet().iterator().next();
        String jobId = cluster.moveShard("_system", "orders", shard, orders.leader(shard), otherDbServer, false).join();
        AgencyJob moved = cluster.awaitJob(jobId, Duration.ofMinutes(10)).join();   // polls; no thread waits

        AgencyJob drained = cluster.drainServer(dbServer, Duration.ofHours(2)).join();   // cleaned out when it completes
        cluster.removeServer(dbServer).join();                     // once its process is gone (FAILED in health)

        Map<String, CoordinatorAvailability> ready = cluster.availability().join();   // each coordinator's own answer
        Map<String, String> levels = cluster.setLogLevels(otherDbServer, Map.of("queries", "DEBUG")).join();
        String prometheus = cluster.metrics(otherDbServer).join();   // that server's metrics, as text
    }

    static void anyOtherCall(Database sysDb) {
        ArangoResponse response = sysDb.send(ArangoRequest.builder(HttpMethod.GET, "/_api/collection")
                .queryParam("excludeSystem", "true").build()).join();
    }

    static void endpointDiscovery() {
        ArangoClient.builder()
                .hosts("http://seed:8529")
                .endpointDiscovery(Duration.ofSeconds(60), Credentials.of("root", "passwd"))
                .build();
    }

    static void choosingATransport(List<String> hosts) {
        ArangoClient.builder().hosts(hosts).build();                    // netty if present, else jdk
        ArangoClient.builder().hosts(hosts).transport("jdk").build();   // by name
    }

    static void credentials(ArangoClient client, String token, String secret) {
        client.db("_system", Credentials.basic("root", "passwd"));   // HTTP basic, as db(name, user, password)
        client.db("_system", Credentials.jwt("root", "passwd"));     // one login, then its token, renewed
        client.db("_system", Credentials.bearer(token));             // a token you hold, sent as it is
        client.db("_system", Credentials.jwtSecret(secret));         // superuser tokens signed with the secret
    }

    static void tls(List<String> hosts, KeyStore clusterCa, KeyStore clientKey, char[] keyPassword) {
        TlsSettings tls = TlsSettings.builder()
                .trustStore(clusterCa)                          // instead of the JDK's trust store
                .clientCertificate(clientKey, keyPassword)      // mutual TLS, if the cluster asks for it
                .build();
        ArangoClient client = ArangoClient.builder().hosts(hosts)
                .transportOptions(TransportOptions.builder().tls(tls).build()).build();
    }

    static void choosingAProtocol(List<String> hosts) {
        ArangoClient.builder().hosts(hosts)          // HTTP/2 to every coordinator
                .transportOptions(TransportOptions.builder().protocol(HttpProtocol.H2).build()).build();
        ArangoClient.builder().hosts(hosts)          // HTTP/2 where it is sure to work
                .transportOptions(TransportOptions.builder().protocol(HttpProtocol.AUTO).build()).build();
    }

    static void ownEventLoops(List<String> hosts) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        NettyTransport transport = NettyTransport.builder(TransportOptions.builder()
                        .maxConnectionsPerHost(32)
                        .requestTimeout(Duration.ofSeconds(30))
                        .build())
                .eventLoopGroup(group, NioSocketChannel.class)
                .build();
        try (ArangoClient client = ArangoClient.builder().hosts(hosts).transport(transport).build()) {
            System.out.println(client.db("_system", "root", "passwd").join().cluster().serverId().join());
        }
        transport.close();                 // yours to close, after the clients that use it
        group.shutdownGracefully();        // and the group too: the transport never closes it
    }

    static void ownHttpClient(List<String> hosts) {
        HttpClient.Builder http = HttpClient.newBuilder().proxy(ProxySelector.of(null));
        try (JdkTransport transport = JdkTransport.withHttpClient(TransportOptions.defaults(), http);
                ArangoClient client = ArangoClient.builder().hosts(hosts).transport(transport).build()) {
            System.out.println(client.db("_system", "root", "passwd").join().cluster().serverId().join());
        }
    }

    static void prometheus(List<String> hosts) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ArangoClient client = ArangoClient.builder().hosts(hosts).meterRegistry(registry).build();
        String scrape = registry.scrape();   // serve this on /metrics
    }

    static void observations(List<String> hosts, MeterRegistry meterRegistry) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
        ArangoClient client = ArangoClient.builder().hosts(hosts).observationRegistry(observations).build();
    }

    static void observationConvention(List<String> hosts, ObservationRegistry observations) {
        ArangoClient client = ArangoClient.builder().hosts(hosts).observationRegistry(observations)
                .observationConvention(new DefaultArangoObservationConvention() {
                    @Override
                    public KeyValues getLowCardinalityKeyValues(ArangoObservationContext context) {
                        return super.getLowCardinalityKeyValues(context).and("team", "payments");
                    }
                })
                .build();
    }

    static void testkit() {
        try (FakeCluster fake = FakeCluster.start(3);
                ArangoClient client = ArangoClient.builder().hosts(fake.hosts()).build()) {
            Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
            fake.coordinator(0).stop();                          // refused from now on, open connections dropped
            String id = cluster.serverId().join();               // fails over to another coordinator
            fake.coordinator(1).failWith(503, 21003);            // "queue is full" until heal()
            fake.coordinator(2).delay(Duration.ofSeconds(2));    // or resetMidAnswer()
            fake.coordinator(2).freeze();                        // accepts, answers nothing; or blackhole()
            int served = fake.coordinator(1).requestCount();     // every request is logged: requests()
        }
    }

    /** Reactor: the call starts on subscribe, and cancelling the subscription cancels the request. */
    static Mono<String> reactor(Cluster cluster) {
        return Mono.fromFuture(cluster::serverId, false); // false: a cancel reaches the future, so the SDK
    }
}
