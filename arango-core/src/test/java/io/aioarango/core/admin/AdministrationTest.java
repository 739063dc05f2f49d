package io.aioarango.core.admin;

import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.AgencyJob;
import io.aioarango.api.AgencyJobFailedException;
import io.aioarango.api.AgencyJobStatus;
import io.aioarango.api.AgencyJobTimeoutException;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Cluster;
import io.aioarango.api.CoordinatorAvailability;
import io.aioarango.api.ServerMode;
import io.aioarango.api.VpackSortStatus;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.testing.ThreeCoordinatorTest;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster administration end to end against arango-testkit's fake cluster, whose agency jobs move its
 * shards: a shard move, a drain and removal of a DB-Server, a resignation, jobs that fail, hang or are
 * cancelled, the availability of coordinators that are up, stopped and unavailable, per-server log levels,
 * metrics and statistics, and the VPack sort migration. Runs once per transport.
 */
abstract class AdministrationTest extends ThreeCoordinatorTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    private Cluster cluster;
    private String d1;
    private String d2;
    private String d3;

    @Override
    protected FakeCluster.Builder fakeClusterShape() {
        // Shard i of orders lies on DB-Servers i and i+1: s10101 [d1, d2], s10102 [d2, d3], s10103 [d3, d1].
        return FakeCluster.builder().coordinators(3).database("shop").collection("_system", "orders", 3, 2)
                .collection("shop", "carts", 1, 1);
    }

    private ArangoClient.Builder builder() {
        return ArangoClient.builder().hosts(fakeCluster.hosts()).transport(transport())
                .jobPolling(Duration.ofMillis(1), Duration.ofMillis(4));
    }

    @BeforeEach
    void connect() {
        cluster = client(builder()).db("_system", "root", "passwd").join().cluster();
        d1 = fakeCluster.dbServerIds().get(0);
        d2 = fakeCluster.dbServerIds().get(1);
        d3 = fakeCluster.dbServerIds().get(2);
    }

    private <T> T join(CompletableFuture<T> future) {
        return completions.track(future).join();
    }


    @Test
    void aShardMoveIsAJobThatMovesTheShard() {
        String jobId = join(cluster.moveShard("_system", "orders", "s10101", d1, "DBServer0003", false));
        assertThat(join(cluster.job(jobId)).status()).as("one step with the next request").isEqualTo(AgencyJobStatus.PENDING);

        AgencyJob job = join(cluster.awaitJob(jobId, LONG));

        assertThat(job.status()).isEqualTo(AgencyJobStatus.FINISHED);
        assertThat(job.type()).isEqualTo("moveShard");
        assertThat(job.timeStarted()).isNotNull();
        assertThat(job.extra()).containsEntry("fromServer", d1).containsEntry("toServer", d3)
                .containsEntry("collection", "10100").containsEntry("isLeader", true);
        assertThat(fakeCluster.shards("_system", "orders").get("s10101")).containsExactly(d3, d2);
        assertThat(join(cluster.databaseInventory("_system")).collection("orders").orElseThrow().leader("s10101"))
                .isEqualTo(d3);
        assertThat(join(cluster.shardDistribution()).collections().get("orders").plan().get("s10101").leader())
                .isEqualTo("DBServer0003");
        assertThat(join(cluster.collectionShardDistribution("orders")).current().get("s10101").followers())
                .containsExactly("DBServer0002");

        // A leader that remains a follower.
        join(cluster.awaitJob(join(cluster.moveShard("_system", "orders", "s10102", d2, d1, true)), LONG));
        assertThat(fakeCluster.shards("_system", "orders").get("s10102")).containsExactly(d1, d3, d2);
    }

    @Test
    void theInventoryOfAnotherDatabase() {
        assertThat(join(cluster.databaseInventory("shop")).collections()).singleElement()
                .satisfies(carts -> assertThat(carts.name()).isEqualTo("carts"));
        assertThat(failure(cluster.databaseInventory("nowhere"))).isInstanceOfSatisfying(ArangoServerException.class,
                e -> assertThat(e.errorNum()).isEqualTo(1228));
    }

    @Test
    void aDrainedAndFailedDbServerCanBeRemoved() {
        assertThat(failure(cluster.removeServer(d1))).as("up and holding shards")
                .isInstanceOfSatisfying(ArangoServerException.class, e -> assertThat(e.status()).isEqualTo(412));

        AgencyJob drained = join(cluster.drainServer(d1, LONG));

        assertThat(drained.status()).isEqualTo(AgencyJobStatus.FINISHED);
        assertThat(drained.server()).isEqualTo(d1);
        assertThat(join(cluster.isCleanedOut(d1))).isTrue();
        assertThat(join(cluster.serverCount()).cleanedServers()).containsExactly(d1);
        assertThat(fakeCluster.shards("_system", "orders").values()).noneMatch(servers -> servers.contains(d1));
        assertThat(failure(cluster.removeServer(d1))).as("still up")
                .isInstanceOfSatisfying(ArangoServerException.class, e -> assertThat(e.status()).isEqualTo(412));

        fakeCluster.failDbServer(d1);
        assertThat(join(cluster.health()).servers().get(d1).status()).isEqualTo("FAILED");
        join(cluster.removeServer(d1));

        assertThat(join(cluster.health()).servers()).doesNotContainKey(d1);
        assertThat(failure(cluster.removeServer(d1))).isInstanceOfSatisfying(ArangoServerException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aDrainByShortNameWaitsForTheServersId() {
        assertThat(join(cluster.drainServer("DBServer0002", LONG)).server()).isEqualTo(d2);
        assertThat(fakeCluster.cleanedServers()).containsExactly(d2);
    }

    @Test
    void aResignedServerLeadsNoShard() {
        join(cluster.awaitJob(join(cluster.resignLeadership(d1)), LONG));

        assertThat(join(cluster.databaseInventory("_system")).collection("orders").orElseThrow().shards().values())
                .noneMatch(servers -> servers.get(0).equals(d1))
                .anyMatch(servers -> servers.contains(d1));
    }

    @Test
    void aFailedJobFailsTheWaitWithItsReason() {
        fakeCluster.failJobs("no DB-Server left to take the shards");

        assertThat(failure(cluster.drainServer(d1, LONG))).isInstanceOfSatisfying(AgencyJobFailedException.class,
                e -> {
                    assertThat(e.job().reason()).isEqualTo("no DB-Server left to take the shards");
                    assertThat(e.job().type()).isEqualTo("cleanOutServer");
                });
        assertThat(fakeCluster.cleanedServers()).isEmpty();
    }

    @Test
    void aJobThatHangsEndsTheWaitAtTheTimeoutNotTheJob() {
        fakeCluster.holdJobs();
        String jobId = join(cluster.moveShard("_system", "orders", "s10101", d1, d3, true));

        assertThat(failure(cluster.awaitJob(jobId, Duration.ofMillis(500))))
                .isInstanceOfSatisfying(AgencyJobTimeoutException.class,
                        e -> assertThat(e.lastSeen().status()).isEqualTo(AgencyJobStatus.PENDING));
        assertThat(fakeCluster.jobStatus(jobId)).hasValue("Pending");
    }

    @Test
    void aCancelledJobFailsAndCannotBeCancelledAgain() {
        fakeCluster.holdJobs();
        String jobId = join(cluster.moveShard("_system", "orders", "s10101", d1, d3, true));

        join(cluster.cancelJob(jobId));

        assertThat(failure(cluster.awaitJob(jobId, LONG))).isInstanceOf(AgencyJobFailedException.class)
                .hasMessageEndingWith("failed: job aborted by the user");
        assertThat(failure(cluster.cancelJob(jobId))).isInstanceOfSatisfying(ArangoServerException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errorMessage()).isEqualTo("Failed jobs can no longer be cancelled.");
        });
        assertThat(failure(cluster.cancelJob(join(cluster.resignLeadership(d2)))))
                .hasMessageEndingWith("Only MoveShard and CleanOutServer jobs can be aborted");
        assertThat(fakeCluster.shards("_system", "orders").get("s10101")).containsExactly(d1, d2);
    }

    @Test
    void cancellingAWaitStopsTheQuestions() {
        fakeCluster.holdJobs();
        String jobId = join(cluster.moveShard("_system", "orders", "s10101", d1, d3, true));
        CompletableFuture<AgencyJob> wait = cluster.awaitJob(jobId, LONG);
        eventually("a few questions", () -> jobQuestions() >= 3);

        assertThat(wait.cancel(false)).isTrue();

        assertThatThrownBy(wait::join).isInstanceOf(CancellationException.class);
        assertThat(fakeCluster.jobStatus(jobId)).as("the job goes on").hasValue("Pending");
    }

    private long jobQuestions() {
        return fakeCluster.coordinators().stream().flatMap(c -> c.requests().stream())
                .filter(r -> r.path().endsWith("/queryAgencyJob")).count();
    }

    @Test
    void closingTheClientFailsAWaitAndEndsTheTimerThread() {
        Set<Thread> before = timerThreads();
        ArangoClient client = builder().build();
        Cluster own = client.db("_system", "root", "passwd").join().cluster();
        fakeCluster.holdJobs();
        CompletableFuture<AgencyJob> wait = completions.track(own.awaitJob(
                join(own.moveShard("_system", "orders", "s10101", d1, d3, true)), LONG));
        eventually("a few questions", () -> jobQuestions() >= 3);
        Set<Thread> started = timerThreads();
        started.removeAll(before);
        assertThat(started).as("the client's timer thread").hasSize(1);

        client.close();

        assertThat(failure(wait)).isInstanceOf(IllegalStateException.class)
                .hasMessage("This ArangoClient is closed; build a new one to send requests");
        eventually("the timer thread ends with the client", () -> started.stream().noneMatch(Thread::isAlive));
        assertThat(failure(own.awaitJob("1", LONG))).isInstanceOf(IllegalStateException.class);
    }

    private static Set<Thread> timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("aioarango-timer-") && thread.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void availabilityOfCoordinatorsUpStoppedAndUnavailable() {
        fakeCluster.coordinator(1).stop();
        fakeCluster.coordinator(2).failWith(503, 503);

        Map<String, CoordinatorAvailability> all = join(cluster.availability());

        assertThat(all.keySet()).containsExactlyElementsOf(fakeCluster.hosts());
        CoordinatorAvailability up = all.get(fakeCluster.coordinator(0).url());
        assertThat(up.available()).isTrue();
        assertThat(up.mode()).isEqualTo(ServerMode.DEFAULT);
        assertThat(all.get(fakeCluster.coordinator(1).url()).failure()).isInstanceOf(ArangoConnectionException.class);
        assertThat(all.get(fakeCluster.coordinator(2).url()).failure())
                .isInstanceOfSatisfying(ArangoServerException.class, e -> assertThat(e.status()).isEqualTo(503));
        List<RecordedRequest> probes = fakeCluster.coordinator(0).requests();
        assertThat(probes).singleElement().satisfies(probe -> {
            assertThat(probe.path()).isEqualTo("/_admin/server/availability");
            assertThat(probe.user()).as("no credentials").isNull();
        });
        assertThat(join(cluster.availability(fakeCluster.coordinator(0).url())).available()).isTrue();
        assertThat(fakeCluster.coordinator(0).requestCount()).as("each probe to its coordinator alone").isEqualTo(2);
    }

    @Test
    void logLevelsMetricsAndStatisticsOfEachServer() {
        assertThat(join(cluster.logLevels(d2))).containsEntry("queries", "INFO").hasSize(55);

        assertThat(join(cluster.setLogLevels(d2, Map.of("queries", "debug")))).containsEntry("queries", "DEBUG");

        assertThat(join(cluster.logLevels(d2))).containsEntry("queries", "DEBUG");
        assertThat(join(cluster.logLevels(d3))).containsEntry("queries", "INFO");
        assertThat(join(cluster.setLogLevels(d3, Map.of("all", "trace"))).values()).containsOnly("TRACE");

        assertThat(join(cluster.metrics(d2))).startsWith("# HELP arangodb_").contains("{role=\"DBSERVER\"}")
                .doesNotContain("SINGLE");
        assertThat(join(cluster.metrics(fakeCluster.coordinator(1).serverId()))).contains("{role=\"COORDINATOR\"}");

        assertThat(join(cluster.clusterStatistics(d1)).time()).isNotNull();
        assertThat(failure(cluster.clusterStatistics(fakeCluster.coordinator(0).serverId())))
                .isInstanceOfSatisfying(ArangoServerException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void vpackSortMigrationOfEveryDbServer() {
        assertThat(join(cluster.vpackSortMigrationStatus()).results()).containsOnlyKeys(d1, d2, d3)
                .allSatisfy((id, status) -> assertThat(status).isEqualTo(new VpackSortStatus("LEGACY", "LEGACY", Map.of())));
        assertThat(join(cluster.vpackSortMigrationCheck()).results().values())
                .allSatisfy(check -> assertThat(check.affected()).isEmpty());

        assertThat(join(cluster.migrateVpackSorting()).results().values())
                .allSatisfy(result -> assertThat(result.errorMessage()).isEqualTo("VPack sorting migration done."));

        assertThat(join(cluster.vpackSortMigrationStatus()).results().values())
                .allSatisfy(status -> assertThat(status.next()).isEqualTo("CORRECT"));
    }
}
