package io.aioarango.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Cluster;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.Database;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.ArangoResponse;
import io.aioarango.api.MaintenanceMode;
import io.aioarango.api.RebalanceOptions;
import io.aioarango.api.RebalancePlan;
import io.aioarango.api.ServerCount;
import io.aioarango.api.ServerEngine;
import io.aioarango.api.ServerHealth;
import io.aioarango.api.ServerMaintenance;
import io.aioarango.api.ServerMaintenanceMode;
import io.aioarango.api.ServerMode;
import io.aioarango.api.ServerRole;
import io.aioarango.api.ServerStatistics;
import io.aioarango.api.ServerVersion;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.Hedging;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.FakeClusterExtension;
import io.aioarango.testkit.FakeCoordinator;
import io.aioarango.testkit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's walkthrough as a program: it uses only the public names an application
 * sees ({@code io.aioarango.core.ArangoClient} and {@code io.aioarango.api.*}) and drives every Cluster call
 * against an arango-testkit fake cluster of two coordinators, three DB-Servers and three agents.
 */
class WalkthroughTest {
    /** One cluster for the class, reset before each test: no request, maintenance mode or fault carries over. */
    @RegisterExtension
    static final FakeClusterExtension FAKE = new FakeClusterExtension(FakeCluster.builder().coordinators(2));

    @Test
    void everyClusterCallThroughThePublicNames(FakeCluster fake) {
        Instant before = Instant.now();
        try (ArangoClient client = ArangoClient.builder()
                .hosts(fake.hostsString())          // or .hosts(List.of(...)) / .hosts("a", "b")
                .hostResolver("roundrobin")         // or "leastloaded" (the default), "random" or your own
                .hedging(Hedging.off())             // this walk counts requests: none sent twice
                .transport("jdk")
                .build()) {
            Database sysDb = client.db("_system", "root", "passwd").join();
            Cluster cluster = sysDb.cluster();

            String id = cluster.serverId().join();
            ServerRole role = cluster.serverRole().join();
            ServerMode mode = cluster.serverMode().join();
            ClusterHealth health = cluster.health().join();
            ServerCount count = cluster.serverCount().join();
            String dbServer = health.servers().keySet().stream()
                    .filter(serverId -> serverId.startsWith("PRMR-")).findFirst().orElseThrow();
            ServerVersion version = cluster.serverVersion(dbServer).join();
            ServerEngine engine = cluster.serverEngine(dbServer).join();
            ServerStatistics statistics = cluster.serverStatistics(dbServer).join();
            String warning = cluster.toggleMaintenanceMode(MaintenanceMode.ON).join();
            cluster.toggleServerMaintenanceMode(dbServer, ServerMaintenanceMode.MAINTENANCE, Duration.ofMinutes(10))
                    .join();
            Optional<ServerMaintenance> maintenance = cluster.serverMaintenanceMode(dbServer).join();
            cluster.toggleServerMaintenanceMode(dbServer, ServerMaintenanceMode.NORMAL).join();
            List<String> endpoints = cluster.endpoints().join();
            ClusterImbalance imbalance = cluster.calculateImbalance().join();
            RebalancePlan plan = cluster.calculateRebalancePlan(RebalanceOptions.builder()
                    .maximumNumberOfMoves(50).moveLeaders(true).build()).join();
            cluster.executeRebalancePlan(plan.moves()).join();
            RebalancePlan started = cluster.rebalance().join();
            ArangoResponse raw = sysDb.send(ArangoRequest.builder(HttpMethod.GET, "/_api/version").build()).join();

            assertThat(client.hosts()).isEqualTo(fake.hosts());
            assertThat(id).startsWith("CRDN-").isEqualTo(fake.coordinator(0).serverId());
            assertThat(role).isEqualTo(ServerRole.COORDINATOR);
            assertThat(mode).isEqualTo(ServerMode.DEFAULT);
            List<String> everyServer = new ArrayList<>();
            fake.coordinators().forEach(coordinator -> everyServer.add(coordinator.serverId()));
            everyServer.addAll(fake.dbServerIds());
            everyServer.addAll(fake.agentIds());
            assertThat(health.servers()).hasSize(8).containsOnlyKeys(everyServer);
            assertThat(health.servers().values()).allMatch(ServerHealth::isGood);
            assertThat(health.servers().get(fake.coordinator(1).serverId()).endpoint())
                    .isEqualTo(fake.coordinator(1).endpoint());
            assertThat(dbServer).isIn(fake.dbServerIds());
            assertThat(count.numberOfCoordinators()).isEqualTo(2);
            assertThat(count.numberOfDbServers()).isEqualTo(3);
            assertThat(count.cleanedServers()).isEmpty();
            assertThat(version.version()).isEqualTo("3.12.10");
            assertThat(engine.name()).isEqualTo("rocksdb");
            assertThat(statistics.enabled()).isTrue();
            assertThat(warning).startsWith("Cluster supervision deactivated.");
            assertThat(fake.maintenanceMode()).isTrue();
            assertThat(maintenance).map(ServerMaintenance::mode).hasValue(ServerMaintenanceMode.MAINTENANCE);
            assertThat(maintenance.orElseThrow().until())
                    .isBetween(before.plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS),
                            Instant.now().plus(Duration.ofMinutes(10)));
            assertThat(fake.serverMaintenance(dbServer)).as("back to normal").isEmpty();
            assertThat(endpoints).containsExactly(fake.coordinator(0).endpoint(), fake.coordinator(1).endpoint());
            assertThat(imbalance.leader().imbalance()).isPositive();
            assertThat(plan.moves()).singleElement().satisfies(move -> {
                assertThat(move.from()).isEqualTo(fake.dbServerIds().get(0));
                assertThat(move.to()).isEqualTo(fake.dbServerIds().get(1));
            });
            assertThat(started.moves()).hasSize(1);
            assertThat(raw.status()).isEqualTo(200);
            assertThat(fake.coordinators()).allSatisfy(coordinator -> assertThat(coordinator.requests())
                    .allSatisfy(request -> assertThat(request.user()).isEqualTo("root")));
            String executed = requestTo(fake, "POST", "/_db/_system/_admin/cluster/rebalance/execute").body();
            assertThat(executed).as("the plan's move went back to execute").contains(plan.moves().get(0).shard());
        }
        // Round robin spread the 18 requests over both coordinators in turn, the first one first.
        List<String> sent = List.of(
                "GET /_admin/server/id", "GET /_admin/server/role", "GET /_admin/server/mode",
                "GET /_admin/cluster/health", "GET /_admin/cluster/numberOfServers", "GET /_admin/cluster/nodeVersion",
                "GET /_admin/cluster/nodeEngine", "GET /_admin/cluster/nodeStatistics",
                "PUT /_admin/cluster/maintenance", "PUT /_admin/cluster/maintenance/{id}",
                "GET /_admin/cluster/maintenance/{id}", "PUT /_admin/cluster/maintenance/{id}",
                "GET /_api/cluster/endpoints", "GET /_admin/cluster/rebalance", "POST /_admin/cluster/rebalance",
                "POST /_admin/cluster/rebalance/execute", "PUT /_admin/cluster/rebalance", "GET /_api/version");
        assertThat(fake.coordinators()).extracting(FakeCoordinator::requestCount).containsExactly(9, 9);
        for (int c = 0; c < 2; c++) {
            int first = c;
            List<String> expected = Stream.iterate(first, i -> i < sent.size(), i -> i + 2).map(sent::get).toList();
            assertThat(fake.coordinator(c).requests()).extracting(WalkthroughTest::call)
                    .as("requests of coordinator %d", c).isEqualTo(expected);
        }
    }

    @Test
    void hostsAsAListOrOneByOneAndTheRandomResolver(FakeCluster fake) {
        List<String> list = fake.hosts();
        String dbServer = fake.dbServerIds().get(0);
        try (ArangoClient fromList = ArangoClient.builder().hosts(list).hostResolver("random")
                        .hedging(Hedging.off()).build();
                ArangoClient fromVarargs = ArangoClient.builder().hosts(list.get(0), list.get(1))
                        .hedging(Hedging.off()).build()) {
            assertThat(fromList.hosts()).isEqualTo(fromVarargs.hosts()).isEqualTo(list);
            assertThat(fromList.db("_system", "root", "passwd").join().cluster().serverId().join())
                    .startsWith("CRDN-").isIn(fake.coordinator(0).serverId(), fake.coordinator(1).serverId());
            assertThat(fromVarargs.db("_system", "root", "passwd").join().cluster()
                    .toggleServerMaintenanceMode(dbServer, ServerMaintenanceMode.MAINTENANCE,
                            Duration.ofMinutes(10)).join()).isNull();
        }
        assertThat(fake.serverMaintenance(dbServer)).as("the DB-Server went into maintenance").isPresent();
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    /** {@code METHOD path} of a request, the database prefix and a DB-Server's id left out. */
    private static String call(RecordedRequest request) {
        String path = request.path().replaceFirst("^/_db/_system", "").replaceFirst("(/maintenance/)PRMR-.*", "$1{id}");
        return request.method() + " " + path;
    }

    private static RecordedRequest requestTo(FakeCluster fake, String method, String path) {
        return fake.coordinators().stream().flatMap(coordinator -> coordinator.requests().stream())
                .filter(request -> request.method().equals(method) && request.path().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + path));
    }
}
