package io.aioarango.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aioarango.transport.tck.Waiting;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake cluster as any HTTP client sees it: answers, authentication, logs and the failure switches. */
class FakeClusterTest {
    static final String ROOT = "Basic " + Base64.getEncoder().encodeToString("root:passwd".getBytes(StandardCharsets.UTF_8));
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Shared by every test class of the module (FakeClusterExtensionTest and FakeClusterAdministrationTest use
     * these helpers too), so never shut down: its threads are daemon threads.
     */
    static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "test-http");
        t.setDaemon(true);
        return t;
    });
    static final HttpClient HTTP = HttpClient.newBuilder().executor(EXECUTOR).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    FakeCluster cluster;

    @BeforeEach
    void start() {
        cluster = FakeCluster.start(3);
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    static HttpResponse<String> send(String method, String url, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String method, String url, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(method, url, body, ROOT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    static JsonNode get(String url) throws Exception {
        return json("GET", url, null, 200);
    }

    @Test
    void coordinatorsListenOnLoopbackWithDistinctPortsAndServerIds() throws Exception {
        assertThat(cluster.hosts()).hasSize(3).allMatch(h -> h.startsWith("http://127.0.0.1:"));
        assertThat(new HashSet<>(cluster.hosts())).hasSize(3);
        assertThat(cluster.hostsString()).isEqualTo(String.join(",", cluster.hosts()));
        for (FakeCoordinator coordinator : cluster.coordinators()) {
            JsonNode id = get(coordinator.url() + "/_db/_system/_admin/server/id");
            assertThat(id.path("id").asText()).isEqualTo(coordinator.serverId()).startsWith("CRDN-");
            assertThat(get(coordinator.url() + "/_admin/server/role").path("role").asText()).isEqualTo("COORDINATOR");
            assertThat(get(coordinator.url() + "/_admin/server/mode").path("mode").asText()).isEqualTo("default");
        }
        assertThat(cluster.coordinators().stream().map(FakeCoordinator::serverId).distinct()).hasSize(3);
        // The same ids in every run, so that a test can name them.
        try (FakeCluster other = FakeCluster.start(3)) {
            assertThat(other.coordinator(1).serverId()).isEqualTo(cluster.coordinator(1).serverId());
            assertThat(other.dbServerIds()).isEqualTo(cluster.dbServerIds());
        }
    }

    @Test
    void healthListsEveryServerAndAStoppedCoordinatorAsFailed() throws Exception {
        cluster.coordinator(2).stop();
        JsonNode health = get(cluster.coordinator(0).url() + "/_db/_system/_admin/cluster/health");
        assertThat(health.path("ClusterId").asText()).isNotEmpty();
        JsonNode servers = health.path("Health");
        assertThat(servers.size()).isEqualTo(9);
        for (String id : cluster.dbServerIds()) {
            assertThat(servers.path(id).path("Role").asText()).isEqualTo("DBServer");
            assertThat(servers.path(id).path("Status").asText()).isEqualTo("GOOD");
        }
        for (String id : cluster.agentIds()) {
            assertThat(servers.path(id).path("Role").asText()).isEqualTo("Agent");
            assertThat(servers.path(id).path("LastAckedTime").isNumber()).isTrue();
        }
        FakeCoordinator up = cluster.coordinator(0);
        assertThat(servers.path(up.serverId()).path("Status").asText()).isEqualTo("GOOD");
        assertThat(servers.path(up.serverId()).path("Endpoint").asText()).isEqualTo(up.endpoint());
        assertThat(servers.path(cluster.coordinator(2).serverId()).path("Status").asText()).isEqualTo("FAILED");

        JsonNode count = get(up.url() + "/_admin/cluster/numberOfServers");
        assertThat(count.path("numberOfCoordinators").asInt()).isEqualTo(3);
        assertThat(count.path("numberOfDBServers").asInt()).isEqualTo(3);

        JsonNode endpoints = get(up.url() + "/_api/cluster/endpoints");
        assertThat(endpoints.path("endpoints").findValuesAsText("endpoint"))
                .containsExactly(cluster.coordinators().stream().map(FakeCoordinator::endpoint).toArray(String[]::new));
    }

    @Test
    void versionEngineAndStatisticsOfAnyServerByItsId() throws Exception {
        String url = cluster.coordinator(0).url() + "/_db/_system/_admin/cluster/";
        String dbServer = cluster.dbServerIds().get(1);
        assertThat(get(url + "nodeVersion?ServerID=" + dbServer).path("version").asText()).isEqualTo("3.12.10");
        assertThat(get(url + "nodeEngine?ServerID=" + dbServer).path("name").asText()).isEqualTo("rocksdb");
        assertThat(get(url + "nodeStatistics?ServerID=" + cluster.agentIds().get(0)).path("time").isNumber()).isTrue();

        JsonNode unknown = json("GET", url + "nodeVersion?ServerID=PRMR-nope", null, 400);
        assertThat(unknown.path("errorMessage").asText()).isEqualTo("unknown server");
        JsonNode missing = json("GET", url + "nodeEngine", null, 400);
        assertThat(missing.path("errorMessage").asText()).isEqualTo("missing parameter `ServerID`");
    }

    @Test
    void maintenanceModesAreRemembered() throws Exception {
        String url = cluster.coordinator(1).url() + "/_db/_system/_admin/cluster/maintenance";
        assertThat(json("PUT", url, "\"on\"", 200).path("warning").asText()).startsWith("Cluster supervision deactivated");
        assertThat(cluster.maintenanceMode()).isTrue();
        assertThat(json("PUT", url, "\"off\"", 200).path("warning").asText()).isEqualTo("Cluster supervision reactivated.");
        assertThat(cluster.maintenanceMode()).isFalse();
        assertThat(json("PUT", url, "\"maybe\"", 400).path("errorNum").asInt()).isEqualTo(400);

        String dbServer = cluster.dbServerIds().get(0);
        assertThat(get(url + "/" + dbServer).has("result")).isFalse();
        json("PUT", url + "/" + dbServer, "{\"mode\":\"maintenance\",\"timeout\":600}", 200);
        JsonNode result = get(cluster.coordinator(2).url() + "/_admin/cluster/maintenance/" + dbServer).path("result");
        assertThat(result.path("Mode").asText()).isEqualTo("maintenance");
        assertThat(cluster.serverMaintenance(dbServer)).hasValueSatisfying(until ->
                assertThat(result.path("Until").asText()).isEqualTo(until.toString()));
        json("PUT", url + "/" + dbServer, "{\"mode\":\"normal\"}", 200);
        assertThat(cluster.serverMaintenance(dbServer)).isEmpty();
    }

    @Test
    void rebalancePlansMoveShardsBetweenTheClustersOwnDbServers() throws Exception {
        String url = cluster.coordinator(0).url() + "/_admin/cluster/rebalance";
        assertThat(get(url).path("result").has("leader")).isTrue();
        JsonNode moves = json("POST", url, "{\"maximumNumberOfMoves\":5}", 200).path("result").path("moves");
        assertThat(moves.get(0).path("from").asText()).isEqualTo(cluster.dbServerIds().get(0));
        assertThat(moves.get(0).path("to").asText()).isEqualTo(cluster.dbServerIds().get(1));
        assertThat(json("POST", url + "/execute", "{\"version\":1,\"moves\":" + moves + "}", 202).path("code").asInt())
                .isEqualTo(202);
    }

    @Test
    void credentialsAreCheckedAndNeverLogged() throws Exception {
        String url = cluster.coordinator(0).url() + "/_db/_system/_admin/server/id";
        HttpResponse<String> none = send("GET", url, null, null);
        HttpResponse<String> wrong = send("GET", url, null,
                "Basic " + Base64.getEncoder().encodeToString("root:wrong".getBytes(StandardCharsets.UTF_8)));
        for (HttpResponse<String> response : List.of(none, wrong)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).path("errorNum").asInt()).isEqualTo(11);
        }
        get(url);
        List<RecordedRequest> requests = cluster.coordinator(0).requests();
        assertThat(requests).extracting(RecordedRequest::user).containsExactly(null, null, "root");
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isNull();
            assertThat(r.toString()).doesNotContain("passwd", "wrong");
        });
    }

    @Test
    void otherUsersAndDatabasesAreConfigured() throws Exception {
        try (FakeCluster custom = FakeCluster.builder().coordinators(1).dbServers(2).agents(1)
                .user("admin", "s3cret").database("shop").start()) {
            String url = custom.coordinator(0).url();
            String admin = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));
            assertThat(send("GET", url + "/_db/shop/_api/version", null, admin).statusCode()).isEqualTo(200);
            assertThat(send("GET", url + "/_db/shop/_api/version", null, ROOT).statusCode()).isEqualTo(401);
            HttpResponse<String> noDb = send("GET", url + "/_db/nope/_api/version", null, admin);
            assertThat(noDb.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(noDb.body()).path("errorNum").asInt()).isEqualTo(1228);
            assertThat(custom.dbServerIds()).hasSize(2);
            assertThat(custom.agentIds()).hasSize(1);
        }
        assertThatThrownBy(() -> FakeCluster.start(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coordinators must be between 1 and 64, got 0");
        assertThatThrownBy(() -> FakeCluster.builder().user("a:b", "x")).hasMessageContaining("'a:b'");
    }

    @Test
    void unknownPathsAndMethodsGetArangoErrors() throws Exception {
        String url = cluster.coordinator(0).url();
        assertThat(json("GET", url + "/_api/nothing", null, 404).path("errorNum").asInt()).isEqualTo(404);
        assertThat(json("DELETE", url + "/_admin/server/id", null, 405).path("errorNum").asInt()).isEqualTo(405);
    }

    @Test
    void everyRequestIsLoggedWithItsHeadersAndBody() throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(coordinator.url() + "/_db/_system/_admin/cluster/rebalance?x=1"))
                .header("Authorization", ROOT).header("X-Custom", "a").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        RecordedRequest recorded = coordinator.requests().get(0);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/_db/_system/_admin/cluster/rebalance");
        assertThat(recorded.query()).isEqualTo("x=1");
        assertThat(recorded.uri()).isEqualTo("/_db/_system/_admin/cluster/rebalance?x=1");
        assertThat(recorded.header("x-custom")).isEqualTo("a");
        assertThat(recorded.body()).isEqualTo("{}");
        assertThat(cluster.requestCounts()).containsExactly(
                java.util.Map.entry(cluster.coordinator(0).url(), 0), java.util.Map.entry(coordinator.url(), 1),
                java.util.Map.entry(cluster.coordinator(2).url(), 0));
        cluster.reset();
        assertThat(cluster.requestCount()).isZero();
    }

    @Test
    void aStoppedCoordinatorRefusesConnectionsDropsOpenOnesAndComesBackOnItsPort() throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(0);
        try (Socket open = new Socket(InetAddress.getLoopbackAddress(), coordinator.port())) {
            Waiting.eventually("the coordinator sees the connection", () -> coordinator.openConnections() == 1);
            coordinator.stop();
            // At once: before the connection is read, which gives the event loop time to let go of the port.
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), coordinator.port()).close())
                    .isInstanceOf(ConnectException.class);
            assertThat(coordinator.isRunning()).isFalse();
            assertThat(open.getInputStream().read()).as("the open connection is closed").isEqualTo(-1);
        }
        assertThatThrownBy(() -> send("GET", coordinator.url() + "/_api/version", null, ROOT))
                .isInstanceOf(ConnectException.class);

        coordinator.start();
        assertThat(get(coordinator.url() + "/_api/version").path("server").asText()).isEqualTo("arango");
    }

    @Test
    void aFailingCoordinatorAnswersTheChosenErrorUntilHealed() throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(0);
        coordinator.failWith(503, 21003);
        JsonNode error = json("GET", coordinator.url() + "/_admin/server/id", null, 503);
        assertThat(error.path("errorNum").asInt()).isEqualTo(21003);
        assertThat(error.path("errorMessage").asText()).isEqualTo("queue is full");
        assertThat(coordinator.requestCount()).isEqualTo(1);
        coordinator.heal();
        get(coordinator.url() + "/_admin/server/id");
        assertThatThrownBy(() -> coordinator.failWith(200, 0)).hasMessage(
                "failWith needs an error status between 400 and 599, got 200");
    }

    @Test
    void aDelayedCoordinatorAnswersNoSoonerThanTheDelay() throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(0);
        coordinator.delay(Duration.ofMillis(300));
        long start = System.nanoTime();
        get(coordinator.url() + "/_admin/server/id");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aResettingCoordinatorBreaksOffEachAnswer() throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(0);
        coordinator.resetMidAnswer();
        assertThatThrownBy(() -> send("GET", coordinator.url() + "/_admin/cluster/health", null, ROOT))
                .isInstanceOf(IOException.class);
        assertThat(coordinator.requestCount()).isEqualTo(1);
    }

    @Test
    void closingReleasesPortsAndThreads() throws Exception {
        java.util.Set<Thread> before = testkitThreads();
        FakeCluster other = FakeCluster.start(2);
        int port = other.coordinator(1).port();
        get(other.coordinator(0).url() + "/_api/version");
        other.coordinator(1).stop();
        assertThat(testkitThreads()).isNotEqualTo(before);
        other.close();
        other.close();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
        // A thread whose event loop has terminated may take a moment more to end.
        Waiting.eventually("the closed cluster's threads end", () -> before.containsAll(testkitThreads()));
    }

    static java.util.Set<Thread> testkitThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("aioarango-testkit")).collect(java.util.stream.Collectors.toSet());
    }
}
