package io.aioarango.testkit;

import static io.aioarango.testkit.FakeClusterTest.ROOT;
import static io.aioarango.testkit.FakeClusterTest.get;
import static io.aioarango.testkit.FakeClusterTest.json;
import static io.aioarango.testkit.FakeClusterTest.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake cluster's administration answers as any HTTP client sees them: agency jobs that move its shards
 * one step per request, clean-out and removal of DB-Servers, inventory and shard distribution, per-server
 * statistics, VPack sort migration, the public availability check, log levels and metrics.
 */
class FakeClusterAdministrationTest {
    FakeCluster cluster;
    String url;
    String d1;
    String d2;
    String d3;

    @BeforeEach
    void start() {
        // orders: s10101 [d1, d2], s10102 [d2, d3], s10103 [d3, d1]
        cluster = FakeCluster.builder().coordinators(2).collection("_system", "orders", 3, 2).start();
        url = cluster.coordinator(0).url() + "/_db/_system";
        d1 = cluster.dbServerIds().get(0);
        d2 = cluster.dbServerIds().get(1);
        d3 = cluster.dbServerIds().get(2);
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    JsonNode post(String path, String body, int status) throws Exception {
        return json("POST", url + path, body, status);
    }

    /** Starts a job and returns its id. */
    String started(String path, String body) throws Exception {
        JsonNode accepted = post(path, body, 202);
        assertThat(accepted.path("error").asBoolean(true)).isFalse();
        assertThat(accepted.path("code").asInt()).isEqualTo(202);
        return accepted.path("id").asText();
    }

    String status(String jobId) throws Exception {
        return get(url + "/_admin/cluster/queryAgencyJob?id=" + jobId).path("status").asText();
    }

    @Test
    void aShardMoveGoesToDoPendingFinishedOneRequestAtATime() throws Exception {
        String id = started("/_admin/cluster/moveShard", "{\"database\":\"_system\",\"collection\":\"orders\","
                + "\"shard\":\"s10101\",\"fromServer\":\"DBServer0001\",\"toServer\":\"" + d3 + "\"}");
        assertThat(cluster.jobStatus(id)).hasValue("ToDo");

        JsonNode pending = get(url + "/_admin/cluster/queryAgencyJob?id=" + id);
        assertThat(pending.path("status").asText()).isEqualTo("Pending");
        assertThat(pending.has("timeStarted")).isTrue();
        assertThat(pending.has("timeFinished")).isFalse();
        assertThat(pending.has("code")).as("built by hand, as ArangoDB's").isFalse();
        assertThat(cluster.shards("_system", "orders").get("s10101")).containsExactly(d1, d2);

        JsonNode finished = get(url + "/_admin/cluster/queryAgencyJob?id=" + id);
        assertThat(finished.path("status").asText()).isEqualTo("Finished");
        assertThat(finished.path("job").asText()).isEqualTo(id);
        assertThat(finished.path("jobId").asText()).isEqualTo(id);
        assertThat(finished.path("type").asText()).isEqualTo("moveShard");
        assertThat(finished.path("collection").asText()).as("the plan id").isEqualTo("10100");
        assertThat(finished.path("fromServer").asText()).isEqualTo(d1);
        assertThat(finished.path("isLeader").asBoolean()).isTrue();
        assertThat(finished.path("remainsFollower").asBoolean()).as("the default").isTrue();
        assertThat(finished.path("creator").asText()).isEqualTo(cluster.coordinator(0).serverId());
        assertThat(finished.has("timeFinished")).isTrue();
        assertThat(cluster.shards("_system", "orders").get("s10101")).containsExactly(d3, d2, d1);
    }

    @Test
    void aShardMoveIsCheckedWhenItIsAsked() throws Exception {
        String move = "{\"collection\":\"%s\",\"shard\":\"%s\",\"fromServer\":\"%s\",\"toServer\":\"%s\"}";
        assertThat(post("/_admin/cluster/moveShard", "{\"shard\":1}", 400).path("errorMessage").asText())
                .startsWith("object with keys `database`, `collection`, `shard`");
        assertThat(post("/_admin/cluster/moveShard", move.formatted("nope", "s10101", d1, d3), 404)
                .path("errorMessage").asText()).isEqualTo("database/collection not found");
        assertThat(post("/_admin/cluster/moveShard", move.formatted("orders", "s1", d1, d3), 404)
                .path("errorMessage").asText()).isEqualTo("shard not found");
        assertThat(post("/_admin/cluster/moveShard", move.formatted("orders", "s10101", "PRMR-x", d3), 404)
                .path("errorMessage").asText()).isEqualTo("one or both dbservers not found");
        assertThat(post("/_admin/cluster/moveShard", move.formatted("orders", "s10102", d1, d3), 404)
                .path("errorMessage").asText()).isEqualTo("shard is not located on the server");
        assertThat(json("GET", url + "/_admin/cluster/moveShard", null, 405).path("errorNum").asInt()).isEqualTo(405);

        // To a server that already holds the shard: accepted, then failed by the supervision.
        String id = started("/_admin/cluster/moveShard", move.formatted("orders", "s10101", d1, d2));
        status(id);
        JsonNode failed = get(url + "/_admin/cluster/queryAgencyJob?id=" + id);
        assertThat(failed.path("status").asText()).isEqualTo("Failed");
        assertThat(failed.path("reason").asText()).isEqualTo("server " + d2 + " already holds shard s10101");
    }

    @Test
    void aCleanedOutFailedDbServerCanBeRemoved() throws Exception {
        assertThat(post("/_admin/cluster/removeServer", "\"" + d1 + "\"", 412).path("errorMessage").asText())
                .isEqualTo("server may not be deleted");
        String id = started("/_admin/cluster/cleanOutServer", "{\"server\":\"DBServer0001\"}");
        status(id);
        assertThat(status(id)).isEqualTo("Finished");
        assertThat(get(url + "/_admin/cluster/numberOfServers").path("cleanedServers").get(0).asText()).isEqualTo(d1);
        assertThat(cluster.cleanedServers()).containsExactly(d1);
        assertThat(cluster.shards("_system", "orders").values()).noneMatch(servers -> servers.contains(d1));

        cluster.failDbServer(d1);
        assertThat(get(url + "/_admin/cluster/health").path("Health").path(d1).path("Status").asText()).isEqualTo("FAILED");
        HttpResponse<String> removed = send("POST", url + "/_admin/cluster/removeServer", "{\"server\":\"" + d1 + "\"}",
                ROOT);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body()).isEmpty();
        assertThat(cluster.dbServerIds()).containsExactly(d2, d3);
        assertThat(get(url + "/_admin/cluster/health").path("Health").has(d1)).isFalse();
        assertThat(post("/_admin/cluster/removeServer", "\"" + d1 + "\"", 404).path("errorMessage").asText())
                .isEqualTo("not found");
        assertThat(post("/_admin/cluster/removeServer", "[]", 400).path("errorMessage").asText())
                .isEqualTo("expecting string or object with key `server`");
        assertThatThrownBy(() -> cluster.failDbServer(d1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No DB-Server has the id");
    }

    @Test
    void aCleanOutWithNowhereToGoFails() throws Exception {
        try (FakeCluster small = FakeCluster.builder().coordinators(1).dbServers(2).collection("_system", "c", 1, 2)
                .start()) {
            String base = small.coordinator(0).url() + "/_db/_system";
            String id = json("POST", base + "/_admin/cluster/cleanOutServer", "{\"server\":\"DBServer0001\"}", 202)
                    .path("id").asText();
            get(base + "/_admin/cluster/queryAgencyJob?id=" + id);
            JsonNode failed = get(base + "/_admin/cluster/queryAgencyJob?id=" + id);
            assertThat(failed.path("status").asText()).isEqualTo("Failed");
            assertThat(failed.path("reason").asText()).isEqualTo("no DB-Server left to take shard s10101 of c");
            assertThat(small.cleanedServers()).isEmpty();
        }
    }

    @Test
    void resignationJobSwitchesAndReset() throws Exception {
        String id = started("/_admin/cluster/resignLeadership", "{\"server\":\"" + d1 + "\"}");
        status(id);
        assertThat(status(id)).isEqualTo("Finished");
        assertThat(cluster.shards("_system", "orders").get("s10101")).containsExactly(d2, d1);

        cluster.holdJobs();
        String held = started("/_admin/cluster/cleanOutServer", "{\"server\":\"" + d2 + "\"}");
        status(held);
        assertThat(status(held)).isEqualTo("Pending");
        cluster.failJobs("told to fail");
        JsonNode failed = get(url + "/_admin/cluster/queryAgencyJob?id=" + held);
        assertThat(failed.path("status").asText()).isEqualTo("Failed");
        assertThat(failed.path("reason").asText()).isEqualTo("told to fail");
        assertThatThrownBy(() -> cluster.failJobs("")).isInstanceOf(IllegalArgumentException.class);

        cluster.reset();
        assertThat(cluster.jobStatus(id)).isEmpty();
        assertThat(cluster.shards("_system", "orders").get("s10101")).containsExactly(d1, d2);
        assertThat(status(started("/_admin/cluster/resignLeadership", "{\"server\":\"" + d3 + "\"}")))
                .as("running again").isEqualTo("Pending");
    }

    @Test
    void jobsAreQueriedAndCancelledAsArangoDbDoes() throws Exception {
        assertThat(json("GET", url + "/_admin/cluster/queryAgencyJob", null, 400).path("errorMessage").asText())
                .isEqualTo("missing id parameter");
        assertThat(json("GET", url + "/_admin/cluster/queryAgencyJob?id=1", null, 404).path("errorMessage").asText())
                .isEqualTo("not found");

        cluster.holdJobs();
        String move = started("/_admin/cluster/moveShard", "{\"collection\":\"orders\",\"shard\":\"s10101\","
                + "\"fromServer\":\"" + d1 + "\",\"toServer\":\"" + d3 + "\"}");
        JsonNode aborted = post("/_admin/cluster/cancelAgencyJob", "{\"id\":\"" + move + "\"}", 200);
        assertThat(aborted.path("status").asText()).isEqualTo("aborted");
        assertThat(aborted.path("job").asText()).isEqualTo(move);
        assertThat(cluster.jobStatus(move)).hasValue("Failed");
        assertThat(post("/_admin/cluster/cancelAgencyJob", "{\"id\":\"" + move + "\"}", 400).path("errorMessage")
                .asText()).isEqualTo("Failed jobs can no longer be cancelled.");
        String resign = started("/_admin/cluster/resignLeadership", "{\"server\":\"" + d1 + "\"}");
        assertThat(post("/_admin/cluster/cancelAgencyJob", "{\"id\":\"" + resign + "\"}", 400).path("errorMessage")
                .asText()).isEqualTo("Only MoveShard and CleanOutServer jobs can be aborted");
        post("/_admin/cluster/cancelAgencyJob", "{\"id\":\"7\"}", 404);
        post("/_admin/cluster/cancelAgencyJob", "{}", 400);
    }

    @Test
    void inventoryAndShardDistribution() throws Exception {
        JsonNode inventory = get(url + "/_api/replication/clusterInventory");
        assertThat(inventory.path("properties").path("name").asText()).isEqualTo("_system");
        JsonNode orders = inventory.path("collections").get(0);
        assertThat(orders.path("parameters").path("name").asText()).isEqualTo("orders");
        assertThat(orders.path("parameters").path("planId").asText()).isEqualTo("10100");
        assertThat(orders.path("parameters").path("shards").path("s10103").toString())
                .isEqualTo("[\"" + d3 + "\",\"" + d1 + "\"]");
        assertThat(orders.path("allInSync").asBoolean()).isTrue();
        assertThat(inventory.path("state").asText()).isEqualTo("unused");

        JsonNode distribution = get(url + "/_admin/cluster/shardDistribution");
        JsonNode shard = distribution.path("results").path("orders").path("Plan").path("s10102");
        assertThat(shard.path("leader").asText()).as("short names").isEqualTo("DBServer0002");
        assertThat(shard.path("followers").toString()).isEqualTo("[\"DBServer0003\"]");
        assertThat(distribution.path("results").path("orders").path("Current"))
                .isEqualTo(distribution.path("results").path("orders").path("Plan"));

        String one = url + "/_admin/cluster/collectionShardDistribution";
        assertThat(get(one + "?collection=orders").path("results").has("orders")).isTrue();
        assertThat(json("PUT", one, "{\"collection\":\"orders\"}", 200).path("results").has("orders")).isTrue();
        assertThat(json("GET", one + "?collection=", null, 400).path("errorMessage").asText())
                .isEqualTo("expected nonempty `collection` parameter");
        assertThat(json("PUT", one, "{}", 400).path("errorMessage").asText()).isEqualTo("object with key `collection`");
        assertThat(json("GET", one + "?collection=nope", null, 404).path("errorNum").asInt()).isEqualTo(1203);
    }

    @Test
    void statisticsOfADbServerOnly() throws Exception {
        assertThat(get(url + "/_admin/cluster/statistics?DBserver=" + d2).path("time").isNumber()).isTrue();
        assertThat(json("GET", url + "/_admin/cluster/statistics?DBserver=" + cluster.agentIds().get(0), null, 403)
                .path("errorMessage").asText()).isEqualTo("The specified server is not a DB-Server");
        assertThat(json("GET", url + "/_admin/cluster/statistics", null, 400).path("errorMessage").asText())
                .isEqualTo("missing parameter `DBserver`");
        json("GET", url + "/_admin/cluster/statistics?DBserver=PRMR-x", null, 400);
    }

    @Test
    void vpackSortMigrationFansOutToEveryDbServer() throws Exception {
        String base = url + "/_admin/cluster/vpackSortMigration/";
        JsonNode status = get(base + "status").path("result");
        assertThat(status.size()).isEqualTo(3);
        assertThat(status.path(d1).path("result").path("next").asText()).isEqualTo("LEGACY");
        assertThat(get(base + "check").path("result").path(d2).path("result").path("errorMessage").asText())
                .isEqualTo("all good with sorting order");
        assertThat(json("PUT", base + "migrate", null, 200).path("result").path(d3).path("result")
                .path("errorMessage").asText()).isEqualTo("VPack sorting migration done.");
        assertThat(get(base + "status").path("result").path(d3).path("result").path("next").asText())
                .isEqualTo("CORRECT");
        json("GET", base + "migrate", null, 405);
    }

    @Test
    void availabilityNeedsNoCredentialsAndFollowsTheFaultSwitch() throws Exception {
        String coordinator = cluster.coordinator(1).url();
        HttpResponse<String> open = send("GET", coordinator + "/_admin/server/availability", null, null);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(FakeClusterTest.JSON.readTree(open.body()).path("mode").asText()).isEqualTo("default");
        assertThat(send("GET", coordinator + "/_db/_system/_admin/server/availability", null, null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", coordinator + "/_admin/server/id", null, null).statusCode())
                .as("everything else still needs them").isEqualTo(401);
        assertThat(cluster.coordinator(1).requests().get(0).user()).isNull();

        cluster.coordinator(1).failWith(503, 503);
        assertThat(send("GET", coordinator + "/_admin/server/availability", null, null).statusCode()).isEqualTo(503);
    }

    @Test
    void logLevelsAndMetricsOfAnyServer() throws Exception {
        String levels = url + "/_admin/log/level?serverId=" + d1;
        assertThat(get(levels).path("queries").asText()).isEqualTo("INFO");
        JsonNode set = json("PUT", levels, "{\"queries\":\"debug\",\"nope\":\"INFO\",\"requests\":\"LOUD\"}", 200);
        assertThat(set.path("queries").asText()).isEqualTo("DEBUG");
        assertThat(set.has("nope")).as("unknown topics are ignored").isFalse();
        assertThat(set.path("requests").asText()).as("unknown levels are ignored").isEqualTo("FATAL");
        assertThat(json("PUT", levels, "\"TRACE\"", 200).path("general").asText()).isEqualTo("TRACE");
        assertThat(get(url + "/_admin/log/level?serverId=" + d2).path("queries").asText()).isEqualTo("INFO");
        assertThat(get(url + "/_admin/log/level").path("queries").asText()).as("the coordinator's own")
                .isEqualTo("INFO");
        json("GET", url + "/_admin/log/level?serverId=PRMR-x", null, 400);

        HttpResponse<String> metrics = send("GET", url + "/_admin/metrics/v2?serverId=" + d1, null, ROOT);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain"));
        assertThat(metrics.body()).startsWith("# HELP arangodb_activities_existing")
                .contains("arangodb_activities_existing{role=\"DBSERVER\"} 115");
        assertThat(send("GET", url + "/_admin/metrics/v2", null, ROOT).body()).contains("{role=\"COORDINATOR\"}");

        cluster.reset();
        assertThat(get(levels).path("queries").asText()).isEqualTo("INFO");
    }

    @Test
    void collectionsNeedADatabaseOfTheCluster() {
        assertThatThrownBy(() -> FakeCluster.builder().collection("shop", "carts", 1, 1).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Collection 'carts' is in database 'shop', which the cluster does not have; add it with "
                        + "database(name)");
        assertThatThrownBy(() -> FakeCluster.builder().collection("_system", "c", 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("numberOfShards must be between 1 and 64, got 0");
        assertThat(List.of(d1, d2, d3)).doesNotHaveDuplicates();
    }
}
