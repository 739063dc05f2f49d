package io.aioarango.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.aioarango.core.Fixtures.await;
import static io.aioarango.core.Fixtures.failure;
import static io.aioarango.core.Fixtures.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.aioarango.api.AgencyJob;
import io.aioarango.api.AgencyJobFailedException;
import io.aioarango.api.AgencyJobStatus;
import io.aioarango.api.AgencyJobTimeoutException;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Cluster;
import io.aioarango.api.CollectionShardDistribution;
import io.aioarango.api.CoordinatorAvailability;
import io.aioarango.api.DatabaseInventory;
import io.aioarango.api.DbServerResults;
import io.aioarango.api.InventoryCollection;
import io.aioarango.api.MalformedResponseException;
import io.aioarango.api.ServerMode;
import io.aioarango.api.ServerStatistics;
import io.aioarango.api.ShardDistribution;
import io.aioarango.api.ShardLocation;
import io.aioarango.api.VpackSortResult;
import io.aioarango.api.VpackSortStatus;
import io.aioarango.transport.tck.Waiting;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The rest of cluster administration (shard moves, clean-out, resignation, removal, agency jobs, inventory,
 * shard distribution, statistics, VPack sort migration, availability, log levels, metrics) against one
 * WireMock coordinator: the exact request on the wire and the typed result of the example bodies of
 * {@code contract/admin-extras}, most of them rebuilt from ArangoDB's source, so read leniently.
 */
abstract class AdminContractTest extends OneCoordinatorTest {
    static final String DB1 = "PRMR-8a1b2c3d-aaaa-bbbb-cccc-000000000001";
    static final String DB2 = "PRMR-8a1b2c3d-aaaa-bbbb-cccc-000000000002";
    static final String DB3 = "PRMR-8a1b2c3d-aaaa-bbbb-cccc-000000000003";

    @Override
    ArangoClient.Builder configure(ArangoClient.Builder builder) {
        return builder.jobPolling(Duration.ofMillis(1), Duration.ofMillis(4));
    }

    static String extras(String file) {
        return Fixtures.contract("admin-extras/" + file);
    }

    /** The body of a JSON example without its white space, as the SDK writes JSON. */
    static String compact(String file) {
        return extras(file).replaceAll("\\s", "");
    }

    /** Answers in turn, the last one from then on: a scenario of WireMock's. */
    void answers(MappingBuilder... steps) {
        for (int i = 0; i < steps.length; i++) {
            server.stubFor(steps[i].inScenario("steps")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
                    .willSetStateTo(i + 1 < steps.length ? "step" + (i + 1) : "step" + i));
        }
    }

    static MappingBuilder json(int status, String body) {
        return any(anyUrl()).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body));
    }

    static String withStatus(String job, String status) {
        return job.replace("\"status\": \"Finished\"", "\"status\": \"" + status + "\"")
                .replace("\"status\": \"Failed\"", "\"status\": \"" + status + "\"");
    }

    List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
    }

    @Test
    void moveShardSendsTheDocumentedBodyAndReturnsTheJobId() {
        answer(202, extras("POST__admin_cluster_moveShard.json"));

        String jobId = await(cluster.moveShard("_system", "myCollection", "s1234567", DB1, DB2, false));

        assertThat(jobId).isEqualTo("12345678");
        String documented = compact("POST__admin_cluster_moveShard.request.json");
        sentWithJson("POST", "/_db/_system/_admin/cluster/moveShard",
                documented.substring(0, documented.length() - 1) + ",\"remainsFollower\":false}");
    }

    @Test
    void cleanOutServerAndIsCleanedOut() {
        answer(202, extras("POST__admin_cluster_cleanOutServer.json"));
        assertThat(await(cluster.cleanOutServer(DB3))).isEqualTo("12345679");
        sentWithJson("POST", "/_db/_system/_admin/cluster/cleanOutServer", "{\"server\":\"" + DB3 + "\"}");

        server.resetAll();
        answer(200, Fixtures.contract("GET__admin_cluster_numberOfServers.cleanedServers.json"));
        assertThat(await(cluster.isCleanedOut(DB3))).isTrue();
        sentWithoutBody("GET", "/_db/_system/_admin/cluster/numberOfServers");
        assertThat(await(cluster.isCleanedOut(DB1))).as("the list holds ids, matched exactly").isFalse();
        assertThat(await(cluster.isCleanedOut("DBServer0003"))).isFalse();
    }

    @Test
    void resignLeadership() {
        answer(202, extras("POST__admin_cluster_resignLeadership.json"));

        assertThat(await(cluster.resignLeadership("DBServer0001"))).isEqualTo("12345680");
        sentWithJson("POST", "/_db/_system/_admin/cluster/resignLeadership", "{\"server\":\"DBServer0001\"}");
    }

    @Test
    void removeServerSucceedsOnAnEmpty200() {
        answer(200, "text/plain", extras("POST__admin_cluster_removeServer.200.txt"));

        assertThat(await(cluster.removeServer(DB3))).isNull();
        sentWithJson("POST", "/_db/_system/_admin/cluster/removeServer", "\"" + DB3 + "\"");
    }

    @Test
    void removeServerFailsClearlyWith412And404() {
        answer(412, extras("POST__admin_cluster_removeServer.412.json"));
        assertThat(failure(cluster.removeServer(DB1))).isInstanceOfSatisfying(ArangoServerException.class, e -> {
            assertThat(e.status()).isEqualTo(412);
            assertThat(e.errorNum()).isEqualTo(412);
            assertThat(e.errorMessage()).isEqualTo("server may not be deleted");
            assertThat(e).hasMessageContaining("POST /_db/_system/_admin/cluster/removeServer")
                    .hasMessageContaining("HTTP 412");
        });

        answer(404, extras("POST__admin_cluster_removeServer.404.json"));
        assertThat(failure(cluster.removeServer("PRMR-unknown"))).isInstanceOfSatisfying(ArangoServerException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void jobOfAFinishedShardMove() {
        answer(200, extras("GET__admin_cluster_queryAgencyJob.json"));

        AgencyJob job = await(cluster.job("12345678"));

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/queryAgencyJob?id=12345678");
        assertThat(job.id()).isEqualTo("12345678");
        assertThat(job.status()).isEqualTo(AgencyJobStatus.FINISHED);
        assertThat(job.status().isDone()).isTrue();
        assertThat(job.type()).isEqualTo("moveShard");
        assertThat(job.server()).isNull();
        assertThat(job.reason()).isNull();
        assertThat(job.creator()).isEqualTo("CRDN-8a1b2c3d-aaaa-bbbb-cccc-000000000010");
        assertThat(job.timeCreated()).isEqualTo(Instant.parse("2025-01-15T10:12:02Z"));
        assertThat(job.timeStarted()).isEqualTo(Instant.parse("2025-01-15T10:12:03Z"));
        assertThat(job.timeFinished()).isEqualTo(Instant.parse("2025-01-15T10:12:09Z"));
        assertThat(job.extra()).containsOnlyKeys("database", "collection", "shard", "fromServer", "toServer",
                "isLeader", "remainsFollower")
                .containsEntry("collection", "10152").containsEntry("isLeader", true)
                .containsEntry("remainsFollower", false).containsEntry("fromServer", DB1);
    }

    @Test
    void jobThatFailedAndOneNotFound() {
        answer(200, extras("GET__admin_cluster_queryAgencyJob.failed.json"));
        AgencyJob job = await(cluster.job("12345679"));
        assertThat(job.status()).isEqualTo(AgencyJobStatus.FAILED);
        assertThat(job.type()).isEqualTo("cleanOutServer");
        assertThat(job.server()).isEqualTo(DB3);
        assertThat(job.reason()).isEqualTo("<free-text failure reason written by the Agency supervision>");
        assertThat(job.extra()).isEmpty();

        answer(404, extras("GET__admin_cluster_queryAgencyJob.404.json"));
        assertThat(failure(cluster.job("1"))).isInstanceOfSatisfying(ArangoServerException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void jobsAreReadLeniently() {
        answer(200, "{\"status\":\"ToDo\",\"jobId\":12,\"type\":\"newKind\",\"timeCreated\":\"yesterday\","
                + "\"reason\":{\"nested\":1},\"future\":[1],\"error\":false}");

        AgencyJob job = await(cluster.job("12"));

        assertThat(job.id()).as("a numeric jobId, and no 'job' field").isEqualTo("12");
        assertThat(job.status()).isEqualTo(AgencyJobStatus.TODO);
        assertThat(job.timeCreated()).isNull();
        assertThat(job.reason()).isEqualTo("{\"nested\":1}");
        assertThat(job.extra()).containsExactly(Map.entry("future", List.of(1)), Map.entry("timeCreated", "yesterday"));

        answer(200, "{\"status\":\"Lost\",\"job\":\"12\"}");
        assertThat(failure(cluster.job("12"))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("Unknown agency job status 'Lost'");
    }

    @Test
    void cancelJob() {
        answer(200, extras("POST__admin_cluster_cancelAgencyJob.json"));

        assertThat(await(cluster.cancelJob("12345678"))).isNull();
        sentWithJson("POST", "/_db/_system/_admin/cluster/cancelAgencyJob", "{\"id\":\"12345678\"}");
    }

    @Test
    void awaitJobAsksUntilTheJobFinishes() {
        String finished = extras("GET__admin_cluster_queryAgencyJob.json");
        answers(json(200, withStatus(finished, "ToDo")), json(200, withStatus(finished, "Pending")),
                json(200, finished));

        AgencyJob job = await(cluster.awaitJob("12345678", Duration.ofSeconds(10)));

        assertThat(job.status()).isEqualTo(AgencyJobStatus.FINISHED);
        assertThat(requests()).hasSize(3).allSatisfy(request -> {
            assertThat(request.getUrl()).isEqualTo("/_db/_system/_admin/cluster/queryAgencyJob?id=12345678");
            assertThat(request.getMethod().getName()).isEqualTo("GET");
        });
    }

    @Test
    void awaitJobFailsWithTheReasonOfAFailedJob() {
        String failed = extras("GET__admin_cluster_queryAgencyJob.failed.json");
        answers(json(200, withStatus(failed, "Pending")), json(200, failed));

        assertThat(failure(cluster.awaitJob("12345679", Duration.ofSeconds(10))))
                .isInstanceOfSatisfying(AgencyJobFailedException.class, e -> {
                    assertThat(e.job().status()).isEqualTo(AgencyJobStatus.FAILED);
                    assertThat(e.job().reason()).isEqualTo("<free-text failure reason written by the Agency supervision>");
                })
                .hasMessage("Agency job 12345679 (cleanOutServer) failed: <free-text failure reason written by the "
                        + "Agency supervision>");
    }

    @Test
    void awaitJobAsksAgainAfterAnUnavailableCoordinatorButNotAfterOtherErrors() {
        answers(json(503, "{\"error\":true,\"code\":503,\"errorNum\":503,\"errorMessage\":\"maintenance\"}"),
                json(200, extras("GET__admin_cluster_queryAgencyJob.json")));
        assertThat(await(cluster.awaitJob("12345678", Duration.ofSeconds(10))).status())
                .isEqualTo(AgencyJobStatus.FINISHED);
        assertThat(requests()).hasSize(2);

        server.resetAll();
        answer(404, extras("GET__admin_cluster_queryAgencyJob.404.json"));
        assertThat(failure(cluster.awaitJob("12345678", Duration.ofSeconds(10))))
                .isInstanceOfSatisfying(ArangoServerException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(requests()).hasSize(1);
    }

    /**
     * Its own client, pausing 200 ms between questions: asked at once and after 200 ms, each answered long
     * before the 500 ms timeout; then half the time left (150 ms) is shorter than a pause, so nothing more is
     * asked. A question asked near the timeout could change nothing and would reach the server after the wait
     * ended (during the next test, on this shared coordinator).
     */
    @Test
    void awaitJobGivesUpAtTheTimeoutWithTheLastStatusSeen() {
        answer(200, withStatus(extras("GET__admin_cluster_queryAgencyJob.json"), "Pending"));

        try (ArangoClient slow = configure(ArangoClient.builder().hosts(Fixtures.url(server)).transport(transport()))
                .jobPolling(Duration.ofMillis(200), Duration.ofMillis(200)).build()) {
            Cluster slowCluster = slow.db("_system", "root", "passwd").join().cluster();
            assertThat(failure(slowCluster.awaitJob("12345678", Duration.ofMillis(500))))
                    .isInstanceOfSatisfying(AgencyJobTimeoutException.class, e -> {
                        assertThat(e.jobId()).isEqualTo("12345678");
                        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500));
                        assertThat(e.lastSeen().status()).isEqualTo(AgencyJobStatus.PENDING);
                    })
                    .hasMessage("Agency job 12345678 is still Pending after PT0.5S; the job goes on in the cluster "
                            + "(cancelJob(\"12345678\") aborts it)");
        }
        // At once and after 200 ms (unless the first answer took over 50 ms); never near the timeout.
        assertThat(requests()).as("questions asked").hasSizeBetween(1, 2);
    }

    @Test
    void cancellingAWaitCancelsTheQuestionInFlight() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)
                .withBody(extras("GET__admin_cluster_queryAgencyJob.json"))));

        CompletableFuture<AgencyJob> wait = cluster.awaitJob("12345678", Duration.ofMinutes(1));
        Waiting.eventually("the first question arrives", () -> !requests().isEmpty());
        assertThat(wait.cancel(false)).isTrue();

        assertThat(wait.isCancelled()).isTrue();
        assertThatThrownBy(wait::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void drainServerCleansOutWaitsForTheJobAndForTheCleanedList() {
        String finished = withStatus(extras("GET__admin_cluster_queryAgencyJob.failed.json"), "Finished")
                .replace("\"reason\": \"<free-text failure reason written by the Agency supervision>\",", "");
        server.stubFor(any(urlPathEqualTo("/_db/_system/_admin/cluster/cleanOutServer")).willReturn(aResponse()
                .withStatus(202).withBody(extras("POST__admin_cluster_cleanOutServer.json"))));
        server.stubFor(any(urlPathEqualTo("/_db/_system/_admin/cluster/queryAgencyJob")).willReturn(aResponse()
                .withStatus(200).withBody(finished)));
        server.stubFor(any(urlPathEqualTo("/_db/_system/_admin/cluster/numberOfServers")).willReturn(aResponse()
                .withStatus(200).withBody(Fixtures.contract("GET__admin_cluster_numberOfServers.cleanedServers.json"))));

        AgencyJob job = await(cluster.drainServer("DBServer0003", Duration.ofSeconds(10)));

        assertThat(job.status()).isEqualTo(AgencyJobStatus.FINISHED);
        assertThat(job.server()).isEqualTo(DB3);
        assertThat(requests().stream().map(r -> r.getMethod().getName() + " " + r.getUrl()).toList())
                .containsExactly(
                        "POST /_db/_system/_admin/cluster/cleanOutServer",
                        "GET /_db/_system/_admin/cluster/queryAgencyJob?id=12345679",
                        "GET /_db/_system/_admin/cluster/numberOfServers");
    }

    @Test
    void databaseInventoryOfThisOrAnotherDatabase() {
        answer(200, extras("GET__api_replication_clusterInventory.json"));

        DatabaseInventory inventory = await(cluster.databaseInventory("_system"));

        sentWithoutBody("GET", "/_db/_system/_api/replication/clusterInventory");
        assertThat(inventory.properties()).containsEntry("name", "_system").containsEntry("replicationFactor", 1);
        assertThat(inventory.tick()).isEqualTo("1872607108350000000");
        assertThat(inventory.state()).isEqualTo("unused");
        assertThat(inventory.views()).isEmpty();
        assertThat(inventory.extra()).isEmpty();
        InventoryCollection collection = inventory.collection("myCollection").orElseThrow();
        assertThat(collection.planId()).isEqualTo("10152");
        assertThat(collection.shards()).containsExactly(Map.entry("s10153", List.of(DB1, DB2)),
                Map.entry("s10154", List.of(DB2, DB3)));
        assertThat(collection.leader("s10154")).isEqualTo(DB2);
        assertThat(collection.leader("s1")).isNull();
        assertThat(collection.parameters()).containsEntry("numberOfShards", 2).containsEntry("id", "10152")
                .containsEntry("shardKeys", List.of("_key")).doesNotContainKeys("name", "shards", "planId");
        assertThat(collection.indexes()).singleElement().satisfies(index -> assertThat(index)
                .containsEntry("type", "persistent").containsEntry("fields", List.of("name")));
        assertThat(collection.isReady()).isTrue();
        assertThat(collection.allInSync()).isTrue();
        assertThat(collection.planVersion()).isEqualTo(1L);
        assertThat(collection.extra()).isEmpty();
        assertThat(inventory.collection("other")).isEmpty();

        server.resetRequests();
        await(cluster.databaseInventory("shop"));
        sentWithoutBody("GET", "/_db/shop/_api/replication/clusterInventory");
    }

    @Test
    void shardDistributionOfEveryCollection() {
        answer(200, extras("GET__admin_cluster_shardDistribution.json"));

        ShardDistribution distribution = await(cluster.shardDistribution());

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/shardDistribution");
        assertThat(distribution.collections()).containsOnlyKeys("myCollection");
        CollectionShardDistribution collection = distribution.collections().get("myCollection");
        assertThat(collection.plan().get("s10153"))
                .isEqualTo(new ShardLocation("DBServer0001", List.of("DBServer0002"), null, Map.of()));
        assertThat(collection.current()).containsOnlyKeys("s10153", "s10154");
        assertThat(collection.isInSync()).isTrue();
        assertThat(distribution.extra()).isEmpty();
    }

    @Test
    void collectionShardDistributionWithAFollowerSyncing() {
        answer(200, extras("GET__admin_cluster_collectionShardDistribution.json"));

        CollectionShardDistribution collection = await(cluster.collectionShardDistribution("myCollection"));

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/collectionShardDistribution?collection=myCollection");
        ShardLocation syncing = collection.plan().get("s10154");
        assertThat(syncing.progress().total()).isEqualTo(1000L);
        assertThat(syncing.progress().current()).isEqualTo(640L);
        assertThat(syncing.progress().followerPercent()).isEqualTo(64.0);
        assertThat(syncing.progress().followersSyncing()).isEqualTo(1L);
        assertThat(collection.current().get("s10154").followers()).isEmpty();
        assertThat(collection.isInSync()).isFalse();

        // Named by its id, the collection's one entry is still under its name.
        assertThat(await(cluster.collectionShardDistribution("10152")).plan()).containsOnlyKeys("s10153", "s10154");

        answer(200, "{\"results\":{},\"error\":false,\"code\":200}");
        assertThat(failure(cluster.collectionShardDistribution("other"))).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("field 'results' should hold collection 'other', but it holds 0 other entries");
    }

    @Test
    void clusterStatisticsOfADbServer() {
        answer(200, extras("GET__admin_cluster_statistics.json"));

        ServerStatistics statistics = await(cluster.clusterStatistics(DB1));

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/statistics?DBserver=" + DB1);
        assertThat(statistics.time()).isEqualTo(Instant.parse("2026-08-04T15:28:24.803867800Z"));
        assertThat(statistics.system()).containsEntry("numberOfThreads", 75);
        assertThat(statistics.server()).containsKeys("uptime", "physicalMemory", "transactions");
        assertThat(statistics.extra()).isEmpty();
    }

    @Test
    void vpackSortMigrationStatusOfEachDbServer() {
        answer(200, extras("GET__admin_cluster_vpackSortMigration_status.json"));

        DbServerResults<VpackSortStatus> status = await(cluster.vpackSortMigrationStatus());

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/vpackSortMigration/status");
        assertThat(status.results()).containsExactly(
                Map.entry(DB1, new VpackSortStatus("LEGACY", "LEGACY", Map.of())),
                Map.entry(DB2, new VpackSortStatus("LEGACY", "CORRECT", Map.of())));
        assertThat(status.results().get(DB2).isCorrect()).isFalse();
        assertThat(status.allAnswered()).isTrue();
        assertThat(status.extra()).isEmpty();
    }

    @Test
    void vpackSortMigrationCheckFindsLegacyKeysOnOneDbServer() {
        answer(200, extras("GET__admin_cluster_vpackSortMigration_check.json"));

        DbServerResults<VpackSortResult> check = await(cluster.vpackSortMigrationCheck());

        sentWithoutBody("GET", "/_db/_system/_admin/cluster/vpackSortMigration/check");
        VpackSortResult clean = check.results().get(DB1);
        assertThat(clean.error()).isFalse();
        assertThat(clean.errorCode()).isZero();
        assertThat(clean.affected()).isEmpty();
        VpackSortResult affected = check.results().get(DB2);
        assertThat(affected.error()).isTrue();
        assertThat(affected.errorCode()).isEqualTo(1242);
        assertThat(affected.errorMessage()).isEqualTo("some indexes have legacy sorted keys");
        assertThat(affected.affected()).singleElement().satisfies(index -> {
            assertThat(index.database()).isEqualTo("_system");
            assertThat(index.collection()).isEqualTo("s10153");
            assertThat(index.indexId()).isEqualTo("10160");
            assertThat(index.indexName()).isEqualTo("idx_1806192152446763008");
        });
    }

    @Test
    void vpackSortMigrationOfASingleServerAnswersUnderTheEmptyKey() {
        answer(200, extras("GET__admin_cluster_vpackSortMigration_check.single_affected.json"));
        assertThat(await(cluster.vpackSortMigrationCheck()).results()).containsOnlyKeys("")
                .hasEntrySatisfying("", result -> assertThat(result.affected()).hasSize(1));

        answer(200, extras("GET__admin_cluster_vpackSortMigration_check.single.json"));
        assertThat(await(cluster.vpackSortMigrationCheck()).results().get("").errorMessage())
                .isEqualTo("all good with sorting order");

        answer(200, extras("PUT__admin_cluster_vpackSortMigration_migrate.single.json"));
        assertThat(await(cluster.migrateVpackSorting()).results().get("").errorMessage())
                .isEqualTo("VPack sorting migration done.");
    }

    @Test
    void migrateVpackSortingAndADbServerThatCouldNotBeReached() {
        answer(200, extras("PUT__admin_cluster_vpackSortMigration_migrate.json"));
        DbServerResults<VpackSortResult> migrated = await(cluster.migrateVpackSorting());
        sentWithoutBody("PUT", "/_db/_system/_admin/cluster/vpackSortMigration/migrate");
        assertThat(migrated.results()).containsOnlyKeys(DB1, DB2);
        assertThat(migrated.results().get(DB1).errorMessage()).isEqualTo("VPack sorting migration done.");

        String failedEntry = extras("GET__admin_cluster_vpackSortMigration.fanout_failure_entry.json").trim();
        String body = "{\"error\":false,\"code\":200,\"result\":{\"" + DB1 + "\":{\"error\":false,\"code\":200,"
                + "\"result\":{\"next\":\"LEGACY\",\"current\":\"LEGACY\"}}," + failedEntry.substring(1) + "}";
        answer(200, body);
        DbServerResults<VpackSortStatus> status = await(cluster.vpackSortMigrationStatus());
        assertThat(status.results()).containsOnlyKeys(DB1);
        assertThat(status.allAnswered()).isFalse();
        assertThat(status.failures()).hasEntrySatisfying(DB3, failure -> {
            assertThat(failure.code()).isNull();
            assertThat(failure.errorNum()).isEqualTo(1457);
            assertThat(failure.errorMessage()).isEqualTo("timeout in cluster operation");
        });
    }

    @Test
    void availabilityIsAskedOfEachCoordinatorWithoutCredentials() {
        answer(200, extras("GET__admin_server_availability.json"));

        Map<String, CoordinatorAvailability> all = await(cluster.availability());

        LoggedRequest request = onlyRequest(server);
        assertThat(request.getMethod().getName()).isEqualTo("GET");
        assertThat(request.getUrl()).as("outside any database").isEqualTo("/_admin/server/availability");
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(all).containsExactly(Map.entry(host.url(),
                new CoordinatorAvailability(host.url(), true, ServerMode.DEFAULT, null, Map.of())));

        answer(200, "{\"error\":false,\"code\":200,\"mode\":\"readonly\"}");
        assertThat(await(cluster.availability(host.url())).mode()).isEqualTo(ServerMode.READONLY);
    }

    @Test
    void anUnavailableCoordinatorIsAResultNotAFailureAndIsNotFailedOver() {
        answer(503, extras("GET__admin_server_availability.503.json"));

        CoordinatorAvailability availability = await(cluster.availability("tcp://127.0.0.1:" + server.port()));

        assertThat(availability.host()).isEqualTo(host.url());
        assertThat(availability.available()).isFalse();
        assertThat(availability.mode()).isNull();
        assertThat(availability.failure()).isInstanceOfSatisfying(ArangoServerException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.errorNum()).isEqualTo(503);
        });
        assertThat(requests()).hasSize(1);
    }

    @Test
    void logLevelsOfOneServer() {
        answer(200, extras("GET__admin_log_level.json"));

        Map<String, String> levels = await(cluster.logLevels(DB1));

        sentWithoutBody("GET", "/_db/_system/_admin/log/level?serverId=" + DB1);
        assertThat(levels).hasSize(55).containsEntry("queries", "INFO").containsEntry("authorization", "DEFAULT");
        assertThat(levels.keySet()).first().isEqualTo("agency");
    }

    @Test
    void setLogLevelsSendsTheDocumentedBodyUpperCase() {
        answer(200, extras("GET__admin_log_level.json"));
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("queries", "debug");
        levels.put("requests", " Error ");

        assertThat(await(cluster.setLogLevels(DB1, levels))).containsEntry("agency", "INFO");

        sentWithJson("PUT", "/_db/_system/_admin/log/level?serverId=" + DB1, compact("PUT__admin_log_level.request.json"));
    }

    @Test
    void metricsAreReturnedAsTheTextSent() {
        String text = extras("GET__admin_metrics_v2.prom.txt");
        answer(200, "text/plain; charset=utf-8", text);

        String metrics = await(cluster.metrics(DB1));

        assertThat(metrics).isEqualTo(text).startsWith("# HELP arangodb_activities_existing");
        LoggedRequest request = onlyRequest(server);
        assertThat(request.getUrl()).isEqualTo("/_db/_system/_admin/metrics/v2?serverId=" + DB1);
        assertThat(request.getHeader("Accept")).isEqualTo("text/plain");
        assertThat(request.getHeader("Authorization")).isEqualTo(Fixtures.AUTH);
    }

    @Test
    void badArgumentsFailBeforeAnyRequest() {
        assertThatThrownBy(() -> cluster.moveShard("1db", "c", "s1", DB1, DB2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid database name '1db'");
        assertThatThrownBy(() -> cluster.moveShard("_system", " ", "s1", DB1, DB2, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Collection name ' ' is blank; pass the collection's name, e.g. orders");
        assertThatThrownBy(() -> cluster.moveShard("_system", "c", null, DB1, DB2, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Shard id is null; pass the shard's id, e.g. s10153 from databaseInventory(database)");
        assertThatThrownBy(() -> cluster.moveShard("_system", "c", "s1", "", DB2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("fromServer '' is blank;");
        assertThatThrownBy(() -> cluster.moveShard("_system", "c", "s1", DB1, "..", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("toServer '..' is a path segment");
        assertThatThrownBy(() -> cluster.moveShard("_system", "c", "s1", DB1, DB1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fromServer and toServer are both '" + DB1
                        + "'; pass the DB-Server that holds the shard and another one to move it to");
        for (String blank : new String[] {null, " "}) {
            assertThatThrownBy(() -> cluster.cleanOutServer(blank)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Server id");
            assertThatThrownBy(() -> cluster.isCleanedOut(blank)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cluster.resignLeadership(blank)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cluster.removeServer(blank)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cluster.clusterStatistics(blank)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cluster.logLevels(blank)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cluster.metrics(blank)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cluster.job(blank)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pass the id that moveShard, cleanOutServer or resignLeadership returned");
            assertThatThrownBy(() -> cluster.cancelJob(blank)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cluster.collectionShardDistribution(blank))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> cluster.job(" ")).hasMessageStartingWith("Job id ' ' is blank;");
        assertThatThrownBy(() -> cluster.awaitJob("1", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Timeout PT0S is not accepted; use a positive duration, e.g. Duration.ofMinutes(30)");
        assertThatThrownBy(() -> cluster.awaitJob("1", null)).hasMessageStartingWith("Timeout null is not accepted");
        assertThatThrownBy(() -> cluster.awaitJob(null, Duration.ofSeconds(1))).hasMessageStartingWith("Job id is null");
        assertThatThrownBy(() -> cluster.drainServer(DB1, Duration.ofSeconds(-1)))
                .hasMessageStartingWith("Timeout PT-1S is not accepted");
        assertThatThrownBy(() -> cluster.drainServer("", Duration.ofSeconds(1))).hasMessageStartingWith("Server id '' is blank");
        assertThatThrownBy(() -> cluster.databaseInventory("a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid database name 'a/b': it contains '/'");
        assertThatThrownBy(() -> cluster.databaseInventory(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cluster.setLogLevels(DB1, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Log levels {} are not accepted; pass at least one topic's level, e.g. "
                        + "Map.of(\"queries\", \"DEBUG\")");
        assertThatThrownBy(() -> cluster.setLogLevels(DB1, null)).hasMessageStartingWith("Log levels null");
        assertThatThrownBy(() -> cluster.setLogLevels(DB1, Map.of("queries", "LOUD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Log level 'LOUD' of topic 'queries' is not accepted; use FATAL, ERROR, WARNING, INFO, "
                        + "DEBUG, TRACE or DEFAULT (any case)");
        assertThatThrownBy(() -> cluster.setLogLevels(DB1, Map.of(" ", "INFO")))
                .hasMessage("Log topic ' ' is blank; name a topic such as queries, or all for every topic");
        assertThatThrownBy(() -> cluster.availability("db1:8529")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it has no scheme");
        assertThatThrownBy(() -> cluster.availability("http://127.0.0.2:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Host 'http://127.0.0.2:1' is not one of the client's coordinators [" + host.url()
                        + "]; pass one of ArangoClient.hosts()");
        assertThatThrownBy(() -> ArangoClient.builder().jobPolling(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jobPolling PT2S to PT1S is not accepted; use a positive first pause no longer than the longest");

        assertThat(server.getAllServeEvents()).as("nothing was sent").isEmpty();
    }
}
