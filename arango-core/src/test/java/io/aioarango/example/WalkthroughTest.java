package io.aioarango.example;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
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
import io.aioarango.api.ServerMaintenance;
import io.aioarango.api.ServerMaintenanceMode;
import io.aioarango.api.ServerMode;
import io.aioarango.api.ServerRole;
import io.aioarango.api.ServerStatistics;
import io.aioarango.api.ServerVersion;
import io.aioarango.core.ArangoClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough as a program: it uses only the public names of DESIGN.md
 * ({@code io.aioarango.core.ArangoClient} and {@code io.aioarango.api.*}) and drives every Cluster call
 * against two WireMock coordinators answering with ArangoDB's recorded bodies.
 */
class WalkthroughTest {
    private static final List<WireMockServer> coordinators = new ArrayList<>();
    private static String hosts;

    @BeforeAll
    static void startCoordinators() {
        for (int i = 0; i < 2; i++) {
            WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            answer(server, get(urlEqualTo("/_db/_system/_admin/server/id")), "DERIVED_GET__admin_server_id.json");
            answer(server, get(urlEqualTo("/_db/_system/_admin/server/role")),
                    "DERIVED_GET__admin_server_role.coordinator.json");
            answer(server, get(urlEqualTo("/_db/_system/_admin/server/mode")), "DERIVED_GET__admin_server_mode.json");
            answer(server, get(urlEqualTo("/_db/_system/_admin/cluster/health")), "GET__admin_cluster_health.json");
            answer(server, get(urlEqualTo("/_db/_system/_admin/cluster/numberOfServers")),
                    "GET__admin_cluster_numberOfServers.cleanedServers.json");
            answer(server, get(urlPathEqualTo("/_db/_system/_admin/cluster/nodeVersion")), "GET__api_version.json");
            answer(server, get(urlPathEqualTo("/_db/_system/_admin/cluster/nodeEngine")), "GET__api_engine.json");
            answer(server, get(urlPathEqualTo("/_db/_system/_admin/cluster/nodeStatistics")),
                    "GET__admin_statistics.json");
            answer(server, put(urlEqualTo("/_db/_system/_admin/cluster/maintenance")),
                    "PUT__admin_cluster_maintenance.on.json");
            answer(server, get(urlEqualTo("/_db/_system/_admin/cluster/maintenance/PRMR-wbsq47rz")),
                    "GET__admin_cluster_maintenance_DBSERVER.maintenance.json");
            answer(server, put(urlEqualTo("/_db/_system/_admin/cluster/maintenance/PRMR-wbsq47rz")),
                    "GET__admin_cluster_maintenance_DBSERVER.normal.json");
            answer(server, get(urlEqualTo("/_db/_system/_api/cluster/endpoints")), "GET__api_cluster_endpoints.json");
            answer(server, get(urlEqualTo("/_db/_system/_admin/cluster/rebalance")), "GET__admin_cluster_rebalance.json");
            answer(server, post(urlEqualTo("/_db/_system/_admin/cluster/rebalance")),
                    "DERIVED_POST__admin_cluster_rebalance.json");
            answer(server, put(urlEqualTo("/_db/_system/_admin/cluster/rebalance")),
                    "DERIVED_POST__admin_cluster_rebalance.json");
            answer(server, post(urlEqualTo("/_db/_system/_admin/cluster/rebalance/execute")),
                    "GET__admin_cluster_maintenance_DBSERVER.normal.json");
            answer(server, get(urlEqualTo("/_db/_system/_api/version")), "GET__api_version.json");
            coordinators.add(server);
        }
        hosts = "http://127.0.0.1:" + coordinators.get(0).port() + ",http://127.0.0.1:" + coordinators.get(1).port();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        coordinators.forEach(WireMockServer::resetRequests);
    }

    @AfterAll
    static void stopCoordinators() {
        coordinators.forEach(WireMockServer::stop);
    }

    private static void answer(WireMockServer server, MappingBuilder request, String contractFile) {
        try (InputStream in = WalkthroughTest.class.getResourceAsStream("/contract/" + contractFile)) {
            server.stubFor(request.willReturn(aResponse().withStatus(200)
                    .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyClusterCallThroughThePublicNames() {
        try (ArangoClient client = ArangoClient.builder()
                .hosts(hosts)                       // or .hosts(List.of(...)) / .hosts("a", "b")
                .hostResolver("roundrobin")         // the default; "random" or your own HostResolver
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
            cluster.toggleServerMaintenanceMode(dbServer, ServerMaintenanceMode.NORMAL).join();
            Optional<ServerMaintenance> maintenance = cluster.serverMaintenanceMode(dbServer).join();
            List<String> endpoints = cluster.endpoints().join();
            ClusterImbalance imbalance = cluster.calculateImbalance().join();
            RebalancePlan plan = cluster.calculateRebalancePlan(RebalanceOptions.builder()
                    .maximumNumberOfMoves(50).moveLeaders(true).build()).join();
            cluster.executeRebalancePlan(plan.moves()).join();
            RebalancePlan started = cluster.rebalance().join();
            ArangoResponse raw = sysDb.send(ArangoRequest.builder(HttpMethod.GET, "/_api/version").build()).join();

            assertThat(client.hosts()).hasSize(2);
            assertThat(id).startsWith("CRDN-");
            assertThat(role).isEqualTo(ServerRole.COORDINATOR);
            assertThat(mode).isEqualTo(ServerMode.DEFAULT);
            assertThat(health.servers()).hasSize(3);
            assertThat(count.cleanedServers()).hasSize(1);
            assertThat(version.version()).isEqualTo("3.12.10");
            assertThat(engine.name()).isEqualTo("rocksdb");
            assertThat(statistics.enabled()).isTrue();
            assertThat(warning).startsWith("Cluster supervision deactivated.");
            assertThat(maintenance).map(ServerMaintenance::mode).hasValue(ServerMaintenanceMode.MAINTENANCE);
            assertThat(endpoints).hasSize(2);
            assertThat(imbalance.leader().imbalance()).isPositive();
            assertThat(plan.moves()).hasSize(1);
            assertThat(started.moves()).hasSize(1);
            assertThat(raw.status()).isEqualTo(200);
        }
        // Round robin spread the 17 requests over both coordinators, the first getting the odd one.
        assertThat(coordinators).extracting(server -> server.getAllServeEvents().size()).containsExactly(9, 8);
    }

    @Test
    void hostsAsAListOrOneByOneAndTheRandomResolver() {
        List<String> list = List.of(hosts.split(","));
        try (ArangoClient fromList = ArangoClient.builder().hosts(list).hostResolver("random").build();
                ArangoClient fromVarargs = ArangoClient.builder().hosts(list.get(0), list.get(1)).build()) {
            assertThat(fromList.hosts()).isEqualTo(fromVarargs.hosts()).isEqualTo(list);
            assertThat(fromList.db("_system", "root", "passwd").join().cluster().serverId().join())
                    .startsWith("CRDN-");
            assertThat(fromVarargs.db("_system", "root", "passwd").join().cluster()
                    .toggleServerMaintenanceMode("PRMR-wbsq47rz", ServerMaintenanceMode.MAINTENANCE,
                            Duration.ofMinutes(10)).join()).isNull();
        }
    }
}
