package io.aioarango.core;

import static io.aioarango.core.Fixtures.await;
import static io.aioarango.core.Fixtures.contract;
import static io.aioarango.core.Fixtures.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.Database;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.MaintenanceMode;
import io.aioarango.api.RebalanceMove;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every Cluster call against one WireMock coordinator: the exact request on the wire (method, path,
 * query, headers, body) and the typed result of the body ArangoDB's documentation recorded.
 */
abstract class ClusterContractTest extends OneCoordinatorTest {

    @Test
    void serverId() {
        answer(200, contract("DERIVED_GET__admin_server_id.json"));

        assertThat(await(cluster.serverId())).isEqualTo("CRDN-006aa0a3-00bc-468c-89be-f7aeef647790");
        sentWithoutBody("GET", "/_db/_system/_admin/server/id");
    }

    @Test
    void serverRole() {
        answer(200, contract("DERIVED_GET__admin_server_role.coordinator.json"));

        assertThat(await(cluster.serverRole())).isEqualTo(ServerRole.COORDINATOR);
        sentWithoutBody("GET", "/_db/_system/_admin/server/role");
    }

    @Test
    void everyRoleTheServerNames() {
        for (String role : List.of("SINGLE", "COORDINATOR", "PRIMARY", "SECONDARY", "AGENT", "UNDEFINED")) {
            answer(200, "{\"error\":false,\"code\":200,\"role\":\"" + role + "\",\"mode\":\"default\"}");
            assertThat(await(cluster.serverRole())).isEqualTo(ServerRole.valueOf(role));
        }
    }

    @Test
    void serverMode() {
        answer(200, contract("DERIVED_GET__admin_server_mode.json"));
        assertThat(await(cluster.serverMode())).isEqualTo(ServerMode.DEFAULT);
        sentWithoutBody("GET", "/_db/_system/_admin/server/mode");

        answer(200, "{\"error\":false,\"code\":200,\"mode\":\"readonly\"}");
        assertThat(await(cluster.serverMode())).isEqualTo(ServerMode.READONLY);
    }

    @Test
    void healthOfTheRecordedCluster() {
        answer(200, contract("GET__admin_cluster_health.json"));

        ClusterHealth health = await(cluster.health());

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/health");
        assertThat(health.clusterId()).isEqualTo("210a0536-fd28-46de-b77f-e8882d6d7078");
        assertThat(health.servers()).containsOnlyKeys("CRDN-rxtu5pku", "PRMR-wbsq47rz", "AGNT-wrqmwpuw");
        assertThat(health.extra()).as("error and code are the envelope, not data").isEmpty();

        ServerHealth coordinator = health.servers().get("CRDN-rxtu5pku");
        assertThat(coordinator.id()).isEqualTo("CRDN-rxtu5pku");
        assertThat(coordinator.role()).isEqualTo("Coordinator");
        assertThat(coordinator.status()).isEqualTo("GOOD");
        assertThat(coordinator.isGood()).isTrue();
        assertThat(coordinator.syncStatus()).isEqualTo("SERVING");
        assertThat(coordinator.endpoint())
                .isEqualTo("ssl://my-arangodb-cluster-coordinator-rxtu5pku.my-arangodb-cluster-int.default.svc:8529");
        assertThat(coordinator.host())
                .isEqualTo("my-arangodb-cluster-coordinator-rxtu5pku.my-arangodb-cluster-int.default.svc");
        assertThat(coordinator.shortName()).isEqualTo("Coordinator0002");
        assertThat(coordinator.version()).isEqualTo("3.4.2-1");
        assertThat(coordinator.engine()).isEqualTo("rocksdb");
        assertThat(coordinator.timestamp()).isEqualTo(Instant.parse("2019-02-20T08:09:22Z"));
        assertThat(coordinator.syncTime()).isEqualTo(Instant.parse("2019-02-20T08:09:21Z"));
        assertThat(coordinator.lastAckedTime()).isEqualTo(Instant.parse("2019-02-20T08:09:22Z"));
        assertThat(coordinator.sinceLastAck()).isNull();
        assertThat(coordinator.canBeDeleted()).isFalse();
        assertThat(coordinator.extra()).isEmpty();

        ServerHealth dbServer = health.servers().get("PRMR-wbsq47rz");
        assertThat(dbServer.role()).isEqualTo("DBServer");
        assertThat(dbServer.shortName()).isEqualTo("DBServer0006");
        assertThat(dbServer.lastAckedTime()).isEqualTo(Instant.parse("2019-02-21T09:14:24Z"));

        // The agent sends LastAckedTime as a number of seconds, not as a timestamp.
        ServerHealth agent = health.servers().get("AGNT-wrqmwpuw");
        assertThat(agent.role()).isEqualTo("Agent");
        assertThat(agent.leader()).isEqualTo("AGNT-oqohp3od");
        assertThat(agent.status()).isEqualTo("GOOD");
        assertThat(agent.lastAckedTime()).isNull();
        assertThat(agent.sinceLastAck()).isEqualTo(Duration.ofMillis(312));
        assertThat(agent.syncStatus()).isNull();
        assertThat(agent.shortName()).isNull();
    }

    @Test
    void healthKeepsFieldsItDoesNotModel() {
        answer(200, "{\"ClusterId\":\"c1\",\"Health\":{\"CRDN-1\":{\"Role\":\"Coordinator\",\"Status\":\"GOOD\","
                + "\"AdvertisedEndpoint\":\"tcp://coordinator-1.example:8529\",\"Leading\":false}},\"NewTopLevel\":[1,2],"
                + "\"error\":false,\"code\":200}");

        ClusterHealth health = await(cluster.health());

        assertThat(health.extra()).containsExactly(Map.entry("NewTopLevel", List.of(1, 2)));
        ServerHealth coordinator = health.servers().get("CRDN-1");
        assertThat(coordinator.extra()).containsExactly(Map.entry("AdvertisedEndpoint", "tcp://coordinator-1.example:8529"));
        assertThat(coordinator.leading()).isFalse();
    }

    @Test
    void serverCountWithTargetsUnset() {
        answer(200, contract("DERIVED_GET__admin_cluster_numberOfServers.json"));

        ServerCount count = await(cluster.serverCount());

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/numberOfServers");
        assertThat(count.numberOfCoordinators()).isNull();
        assertThat(count.numberOfDbServers()).isNull();
        assertThat(count.cleanedServers()).isEmpty();
    }

    @Test
    void serverCountWithCleanedServersAndTargets() {
        answer(200, contract("GET__admin_cluster_numberOfServers.cleanedServers.json"));
        assertThat(await(cluster.serverCount()).cleanedServers())
                .containsExactly("PRMR-8a1b2c3d-aaaa-bbbb-cccc-000000000003");

        answer(200, "{\"error\":false,\"code\":200,\"numberOfDBServers\":3,\"numberOfCoordinators\":2,"
                + "\"cleanedServers\":[]}");
        ServerCount count = await(cluster.serverCount());
        assertThat(count.numberOfCoordinators()).isEqualTo(2);
        assertThat(count.numberOfDbServers()).isEqualTo(3);
    }

    @Test
    void serverVersionOfAnotherServer() {
        answer(200, contract("GET__api_version.json"));

        ServerVersion version = await(cluster.serverVersion("PRMR-wbsq47rz"));

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/nodeVersion?ServerID=PRMR-wbsq47rz");
        assertThat(version.server()).isEqualTo("arango");
        assertThat(version.license()).isEqualTo("enterprise");
        assertThat(version.version()).isEqualTo("3.12.10");
        assertThat(version.details()).isEmpty();
        assertThat(version.extra()).containsEntry("apiVersions", List.of("v0"))
                .containsEntry("deprecatedApiVersions", List.of())
                .containsEntry("requestedApiVersion", "v0");
    }

    @Test
    void serverVersionWithDetails() {
        answer(200, contract("GET__api_version_details.json"));

        ServerVersion version = await(cluster.serverVersion("PRMR-1"));

        assertThat(version.details()).containsEntry("architecture", "64bit").containsEntry("boost-version", "1.78.0");
    }

    @Test
    void serverIdsAreEncodedInTheQuery() {
        answer(200, contract("GET__api_version.json"));

        await(cluster.serverVersion("PRMR a&b=c/d"));

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/nodeVersion?ServerID=PRMR%20a%26b%3Dc%2Fd");
    }

    @Test
    void serverEngine() {
        answer(200, contract("GET__api_engine.json"));

        ServerEngine engine = await(cluster.serverEngine("PRMR-wbsq47rz"));

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/nodeEngine?ServerID=PRMR-wbsq47rz");
        assertThat(engine.name()).isEqualTo("rocksdb");
        assertThat(engine.supportedIndexes()).containsExactly("primary", "edge", "hash", "skiplist", "ttl",
                "persistent", "geo", "fulltext", "mdi", "mdi-prefixed", "inverted");
        assertThat(engine.supports()).containsEntry("aliases",
                Map.of("indexes", Map.of("hash", "persistent", "skiplist", "persistent", "zkd", "mdi")));
        assertThat(engine.extra()).containsExactly(Map.entry("endianness", "big"));
    }

    @Test
    void serverStatistics() {
        answer(200, contract("GET__admin_statistics.json"));

        ServerStatistics statistics = await(cluster.serverStatistics("PRMR-wbsq47rz"));

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/nodeStatistics?ServerID=PRMR-wbsq47rz");
        assertThat(statistics.time()).as("1785857304.8038678 to the nanosecond, not via a rounded double product")
                .isEqualTo(Instant.parse("2026-08-04T15:28:24.803867800Z"));
        assertThat(statistics.enabled()).isTrue();
        assertThat(statistics.system()).containsEntry("numberOfThreads", 75).containsEntry("majorPageFaults", 0);
        assertThat(statistics.client()).containsKeys("httpConnections", "totalTime", "bytesSent", "bytesReceived");
        assertThat(statistics.clientUser()).containsKey("requestTime");
        assertThat(statistics.http()).containsKeys("requestsTotal", "requestsGet", "requestsOther");
        assertThat(statistics.server()).containsKeys("uptime", "physicalMemory", "transactions", "threads");
        assertThat(statistics.extra()).isEmpty();
    }

    @Test
    void toggleMaintenanceModeOn() {
        answer(200, contract("PUT__admin_cluster_maintenance.on.json"));

        String warning = await(cluster.toggleMaintenanceMode("on"));

        sentWithJson("PUT", "/_db/_system/_admin/cluster/maintenance", "\"on\"");
        assertThat(warning).isEqualTo("Cluster supervision deactivated. It will be reactivated automatically in 60 "
                + "minutes unless this call is repeated until then.");
    }

    @Test
    void toggleMaintenanceModeOffInAnyCaseOrAsEnum() {
        answer(200, contract("PUT__admin_cluster_maintenance.off.json"));
        assertThat(await(cluster.toggleMaintenanceMode("OFF"))).isEqualTo("Cluster supervision reactivated.");
        sentWithJson("PUT", "/_db/_system/_admin/cluster/maintenance", "\"off\"");

        server.resetRequests();
        await(cluster.toggleMaintenanceMode(MaintenanceMode.ON));
        sentWithJson("PUT", "/_db/_system/_admin/cluster/maintenance", "\"on\"");
    }

    @Test
    void serverMaintenanceModeWhileInMaintenance() {
        answer(200, contract("GET__admin_cluster_maintenance_DBSERVER.maintenance.json"));

        Optional<ServerMaintenance> maintenance = await(cluster.serverMaintenanceMode("PRMR-wbsq47rz"));

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/maintenance/PRMR-wbsq47rz");
        assertThat(maintenance).hasValueSatisfying(m -> {
            assertThat(m.mode()).isEqualTo(ServerMaintenanceMode.MAINTENANCE);
            assertThat(m.until()).isEqualTo(Instant.parse("2022-10-26T06:14:23Z"));
            assertThat(m.extra()).isEmpty();
        });
    }

    @Test
    void serverMaintenanceModeWhenNormal() {
        answer(200, contract("GET__admin_cluster_maintenance_DBSERVER.normal.json"));

        assertThat(await(cluster.serverMaintenanceMode("PRMR-wbsq47rz"))).isEmpty();
    }

    @Test
    void toggleServerMaintenanceModeSendsTheDocumentedBody() {
        answer(200, "{\"error\":false,\"code\":200}");

        await(cluster.toggleServerMaintenanceMode("PRMR-wbsq47rz", ServerMaintenanceMode.MAINTENANCE,
                Duration.ofSeconds(360)));

        String documented = contract("PUT__admin_cluster_maintenance_DBSERVER.request.json").replaceAll("\\s", "");
        sentWithJson("PUT", "/_db/_system/_admin/cluster/maintenance/PRMR-wbsq47rz", documented);
    }

    @Test
    void toggleServerMaintenanceModeBackToNormalSendsNoTimeout() {
        answer(200, "{\"error\":false,\"code\":200}");

        await(cluster.toggleServerMaintenanceMode("PRMR-wbsq47rz", "Normal", null));

        sentWithJson("PUT", "/_db/_system/_admin/cluster/maintenance/PRMR-wbsq47rz", "{\"mode\":\"normal\"}");
    }

    @Test
    void toggleServerMaintenanceModeWithTheServersDefaultTimeout() {
        answer(200, "{\"error\":false,\"code\":200}");

        await(cluster.toggleServerMaintenanceMode("PRMR-1", ServerMaintenanceMode.MAINTENANCE));

        sentWithJson("PUT", "/_db/_system/_admin/cluster/maintenance/PRMR-1", "{\"mode\":\"maintenance\"}");
    }

    @Test
    void endpoints() {
        answer(200, contract("GET__api_cluster_endpoints.json"));

        assertThat(await(cluster.endpoints())).containsExactly("tcp://[::1]:8530", "tcp://[::1]:8531");
        sentWithoutBody("GET", "/_db/_system/_api/cluster/endpoints");
    }

    @Test
    void calculateImbalance() {
        answer(200, contract("GET__admin_cluster_rebalance.json"));

        ClusterImbalance imbalance = await(cluster.calculateImbalance());

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/rebalance");
        assertThat(imbalance.leader().weightUsed()).containsExactly(51.0, 54.0, 53.0);
        assertThat(imbalance.leader().targetWeight()).containsOnly(52.666666666666664);
        assertThat(imbalance.leader().numberShards()).containsExactly(31L, 54L, 21L);
        assertThat(imbalance.leader().imbalance()).isEqualTo(1920000004.6666667);
        assertThat(imbalance.shards().sizeUsed()).containsExactly(60817408.0, 106954752.0, 54525952.0);
        assertThat(imbalance.shards().numberShards()).containsExactly(58L, 102L, 52L);
        assertThat(imbalance.shards().imbalance()).isEqualTo(1639005333138090.8);
        assertThat(imbalance.pendingMoveShards()).isZero();
        assertThat(imbalance.todoMoveShards()).isZero();
    }

    @Test
    void calculateRebalancePlanSendsOnlyTheOptionsSet() {
        answer(200, contract("DERIVED_POST__admin_cluster_rebalance.json"));

        RebalancePlan plan = await(cluster.calculateRebalancePlan(RebalanceOptions.builder()
                .maximumNumberOfMoves(10).moveLeaders(true).databasesExcluded(List.of("audit")).build()));

        sentWithJson("POST", "/_db/_system/_admin/cluster/rebalance",
                "{\"version\":1,\"maximumNumberOfMoves\":10,\"moveLeaders\":true,\"databasesExcluded\":[\"audit\"]}");
        assertThat(plan.imbalanceBefore().leader().imbalance()).isEqualTo(1920000004.6666667);
        assertThat(plan.imbalanceAfter().shards().totalShardsFromSystemCollections()).isEqualTo(180L);
        assertThat(plan.moves()).containsExactly(new RebalanceMove("PRMR-b2c6e5b4", "PRMR-8a1b2c3d", "s10021", "10017",
                "_system", true, Map.of()));
    }

    @Test
    void calculateRebalancePlanWithEveryOption() {
        answer(200, contract("DERIVED_POST__admin_cluster_rebalance.json"));

        await(cluster.calculateRebalancePlan(RebalanceOptions.builder().maximumNumberOfMoves(5000)
                .leaderChanges(false).moveLeaders(true).moveFollowers(true).piFactor(256e6)
                .excludeSystemCollections(true).databasesExcluded(List.of("a", "b")).build()));

        sentWithJson("POST", "/_db/_system/_admin/cluster/rebalance", "{\"version\":1,\"maximumNumberOfMoves\":5000,"
                + "\"leaderChanges\":false,\"moveLeaders\":true,\"moveFollowers\":true,\"piFactor\":2.56E8,"
                + "\"excludeSystemCollections\":true,\"databasesExcluded\":[\"a\",\"b\"]}");
    }

    @Test
    void rebalanceWithDefaultsAnswers202() {
        answer(202, contract("DERIVED_POST__admin_cluster_rebalance.json"));

        RebalancePlan plan = await(cluster.rebalance());

        sentWithJson("PUT", "/_db/_system/_admin/cluster/rebalance", "{\"version\":1}");
        assertThat(plan.moves()).hasSize(1);
    }

    @Test
    void executeRebalancePlanSendsTheMovesBack() {
        answer(202, "{\"error\":false,\"code\":202}");
        RebalanceMove move = new RebalanceMove("PRMR-1", "PRMR-2", "s1", "100", "_system", false,
                Map.of("future", 1));

        await(cluster.executeRebalancePlan(List.of(move)));

        sentWithJson("POST", "/_db/_system/_admin/cluster/rebalance/execute", "{\"version\":1,\"moves\":[{\"from\":"
                + "\"PRMR-1\",\"to\":\"PRMR-2\",\"shard\":\"s1\",\"collection\":\"100\",\"isLeader\":false,"
                + "\"database\":\"_system\",\"future\":1}]}");
    }

    @Test
    void executeAnEmptyPlanAnswers200() {
        answer(200, "{\"error\":false,\"code\":200}");

        await(cluster.executeRebalancePlan(List.of()));

        sentWithJson("POST", "/_db/_system/_admin/cluster/rebalance/execute", "{\"version\":1,\"moves\":[]}");
    }

    @Test
    void badArgumentsFailBeforeAnyRequest() {
        assertThatThrownBy(() -> cluster.toggleMaintenanceMode("maybe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Maintenance mode 'maybe' is not supported; use \"on\" or \"off\" (any case)");
        assertThatThrownBy(() -> cluster.toggleMaintenanceMode((String) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'null'");
        assertThatThrownBy(() -> cluster.serverVersion(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Server id ' ' is blank; pass the id of a server, e.g. PRMR-1234 from health().servers()");
        assertThatThrownBy(() -> cluster.serverEngine(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Server id '' is blank");
        assertThatThrownBy(() -> cluster.serverEngine(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Server id is null; pass the id of a server, e.g. PRMR-1234 from health().servers()");
        assertThatThrownBy(() -> cluster.serverStatistics(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Server id is null;");
        assertThatThrownBy(() -> cluster.serverMaintenanceMode("\t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is blank");
        assertThatThrownBy(() -> cluster.toggleServerMaintenanceMode("", ServerMaintenanceMode.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is blank");
        assertThatThrownBy(() -> cluster.toggleServerMaintenanceMode("PRMR-1", "off", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Server maintenance mode 'off' is not supported; use \"maintenance\" or \"normal\" (any case)");
        assertThatThrownBy(() -> cluster.toggleServerMaintenanceMode("PRMR-1", ServerMaintenanceMode.MAINTENANCE,
                Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Maintenance timeout PT1.5S is not accepted; use whole seconds of at least 1, or null "
                        + "for the server's default (1 hour)");
        assertThatThrownBy(() -> cluster.toggleServerMaintenanceMode("PRMR-1", ServerMaintenanceMode.MAINTENANCE,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> cluster.toggleServerMaintenanceMode("PRMR-1", ServerMaintenanceMode.NORMAL,
                Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A timeout applies only to maintenance");
        assertThatThrownBy(() -> cluster.executeRebalancePlan(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got null");
        assertThatThrownBy(() -> RebalanceOptions.builder().maximumNumberOfMoves(5001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumNumberOfMoves 5001 is out of range; use 1 to 5000");
        assertThatThrownBy(() -> RebalanceOptions.builder().piFactor(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("piFactor NaN");

        assertThat(server.getAllServeEvents()).as("nothing was sent").isEmpty();
    }

    @Test
    void rawPathsAreSentPercentEncodedTheSameOnEveryTransport() {
        answer(200, "{}");

        await(client.db("_system", "root", "passwd").join().send(ArangoRequest.builder(HttpMethod.GET,
                "/_api/document/café/a b%2Fc%zz").queryParam("ü", "x y").build()));

        assertThat(onlyRequest(server).getUrl())
                .isEqualTo("/_db/_system/_api/document/caf%C3%A9/a%20b%2Fc%25zz?%C3%BC=x%20y");
    }

    @Test
    void pathsThatWouldLeaveTheDatabaseAreRefused() {
        for (String name : List.of(".", "..")) {
            assertThatThrownBy(() -> client.db(name, "root", "passwd")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid database name '" + name + "': it would name a path segment");
        }
        for (String path : List.of("/../_admin/server/id", "/_api/./x", "/_api/%2e%2E/x", "/_api/..",
                "/_api/a%2F..%2F..%2F_admin", "/_api/a\\..\\x")) {
            assertThatThrownBy(() -> ArangoRequest.builder(HttpMethod.GET, path))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Request path '" + path + "' must not hold a '.' or '..' segment; give the path below "
                            + "the database as it is");
        }
        assertThatThrownBy(() -> cluster.serverMaintenanceMode("..")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Server id '..' is a path segment, not a server id");
        Database db = client.db("_system", "root", "passwd").join();
        assertThatThrownBy(() -> db.send(ArangoRequest.builder(HttpMethod.GET, "/_api/\uD800/x").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds half of a surrogate pair at index 6");
        assertThat(server.getAllServeEvents()).as("nothing was sent").isEmpty();
    }

    @Test
    void headersThatFrameTheMessageAreRefusedBeforeAnyRequest() {
        for (String name : List.of("Content-Length", "Transfer-Encoding", "Connection", "Host", "Upgrade", "TE",
                "Trailer")) {
            assertThatThrownBy(() -> ArangoRequest.builder(HttpMethod.POST, "/_api/cursor").header(name, "chunked"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Header '" + name + "' is set by the transport and cannot be set by a "
                            + "request; leave out connection, content-length, expect, host, keep-alive, ");
        }
        assertThatThrownBy(() -> ArangoRequest.builder(HttpMethod.GET, "/x").header("X-A", "1\r\nHost: evil"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The value of header 'X-A' holds a line break or control character; a header value is one "
                        + "line of text");
        assertThatThrownBy(() -> ArangoRequest.builder(HttpMethod.GET, "/x").header("X A", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Header name 'X A' is not accepted");
        assertThat(server.getAllServeEvents()).as("nothing was sent").isEmpty();
    }
}
