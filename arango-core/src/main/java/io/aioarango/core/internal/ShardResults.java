package io.aioarango.core.internal;

import static io.aioarango.core.internal.ClusterResults.asObject;
import static io.aioarango.core.internal.ClusterResults.lenientText;
import static io.aioarango.core.internal.ClusterResults.optionalId;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.CollectionShardDistribution;
import io.aioarango.api.DatabaseInventory;
import io.aioarango.api.DbServerFailure;
import io.aioarango.api.DbServerResults;
import io.aioarango.api.InventoryCollection;
import io.aioarango.api.LeaderImbalance;
import io.aioarango.api.LegacySortedIndex;
import io.aioarango.api.RebalanceMove;
import io.aioarango.api.RebalancePlan;
import io.aioarango.api.ShardDistribution;
import io.aioarango.api.ShardImbalance;
import io.aioarango.api.ShardLocation;
import io.aioarango.api.ShardSyncProgress;
import io.aioarango.api.VpackSortResult;
import io.aioarango.api.VpackSortStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the cluster API's answers about data placement (rebalancing, inventories, shard distribution and the
 * per-DB-Server fan-outs) into the domain records; the answers about servers and jobs are {@link ClusterResults}'.
 */
final class ShardResults {
    private ShardResults() {
    }

    static ClusterImbalance imbalance(JsonNode imbalance) {
        JsonNode leader = Json.object(imbalance, "leader");
        JsonNode shards = Json.object(imbalance, "shards");
        return new ClusterImbalance(
                new LeaderImbalance(
                        Json.doubles(leader, "weightUsed"),
                        Json.doubles(leader, "targetWeight"),
                        Json.longs(leader, "numberShards"),
                        Json.longs(leader, "leaderDupl"),
                        Json.optionalDouble(leader, "totalWeight"),
                        Json.optionalDouble(leader, "imbalance"),
                        Json.optionalLong(leader, "totalShards"),
                        Json.extra(leader, "weightUsed", "targetWeight", "numberShards", "leaderDupl", "totalWeight",
                                "imbalance", "totalShards")),
                new ShardImbalance(
                        Json.doubles(shards, "sizeUsed"),
                        Json.doubles(shards, "targetSize"),
                        Json.longs(shards, "numberShards"),
                        Json.optionalDouble(shards, "totalUsed"),
                        Json.optionalLong(shards, "totalShards"),
                        Json.optionalLong(shards, "totalShardsFromSystemCollections"),
                        Json.optionalDouble(shards, "imbalance"),
                        Json.extra(shards, "sizeUsed", "targetSize", "numberShards", "totalUsed", "totalShards",
                                "totalShardsFromSystemCollections", "imbalance")),
                Json.optionalLong(imbalance, "pendingMoveShards"),
                Json.optionalLong(imbalance, "todoMoveShards"),
                Json.extra(imbalance, "leader", "shards", "pendingMoveShards", "todoMoveShards"));
    }

    static RebalancePlan plan(JsonNode result) {
        return new RebalancePlan(
                imbalance(Json.object(result, "imbalanceBefore")),
                imbalance(Json.object(result, "imbalanceAfter")),
                Json.list(result, "moves", ShardResults::move),
                Json.extra(result, "imbalanceBefore", "imbalanceAfter", "moves"));
    }

    private static RebalanceMove move(JsonNode move) {
        Boolean leader = Json.optionalBoolean(move, "isLeader");
        return new RebalanceMove(
                Json.text(move, "from"),
                Json.text(move, "to"),
                Json.text(move, "shard"),
                Json.text(move, "collection"),
                Json.optionalText(move, "database"),
                leader != null && leader,
                Json.extra(move, "from", "to", "shard", "collection", "database", "isLeader"));
    }

    /** A move as the execute call expects it, with any field the server added sent back unchanged. */
    static Map<String, Object> moveBody(RebalanceMove move) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", move.from());
        body.put("to", move.to());
        body.put("shard", move.shard());
        body.put("collection", move.collection());
        body.put("isLeader", move.isLeader());
        if (move.database() != null) {
            body.put("database", move.database());
        }
        move.extra().forEach(body::putIfAbsent);
        return body;
    }

    /** The job id of a job the cluster accepted (202): {@code {"error":false,"code":202,"id":"12345678"}}. */
    static DatabaseInventory inventory(JsonNode body) {
        return new DatabaseInventory(
                Json.toMap(Json.optionalObject(body, "properties")),
                Json.list(body, "collections", ShardResults::inventoryCollection),
                Json.list(body, "views", view -> Json.toMap(asObject("views", view))),
                optionalId(body, "tick"),
                lenientText(body, "state"),
                Json.extra(body, "properties", "collections", "views", "tick", "state"));
    }

    private static InventoryCollection inventoryCollection(JsonNode entry) {
        asObject("collections", entry);
        JsonNode parameters = Json.optionalObject(entry, "parameters");
        if (parameters == null) {
            parameters = Json.MAPPER.createObjectNode();
        }
        String planId = optionalId(parameters, "planId");
        Map<String, List<String>> shards = new LinkedHashMap<>();
        JsonNode shardMap = Json.optionalObject(parameters, "shards");
        if (shardMap != null) {
            for (Map.Entry<String, JsonNode> shard : shardMap.properties()) {
                shards.put(shard.getKey(), Json.texts(shardMap, shard.getKey()));
            }
        }
        return new InventoryCollection(
                lenientText(parameters, "name"),
                planId != null ? planId : optionalId(parameters, "id"),
                shards,
                Json.extra(parameters, "name", "planId", "shards"),
                Json.list(entry, "indexes", index -> Json.toMap(asObject("indexes", index))),
                Json.optionalBoolean(entry, "isReady"),
                Json.optionalBoolean(entry, "allInSync"),
                Json.optionalLong(entry, "planVersion"),
                Json.extra(entry, "parameters", "indexes", "isReady", "allInSync", "planVersion"));
    }

    static ShardDistribution shardDistribution(JsonNode body) {
        Map<String, CollectionShardDistribution> collections = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : Json.object(body, "results").properties()) {
            collections.put(entry.getKey(), collectionShards(entry.getKey(), entry.getValue()));
        }
        return new ShardDistribution(collections, Json.extra(body, "results"));
    }

    /** The one collection of a collectionShardDistribution answer: its entry under the name asked for. */
    static CollectionShardDistribution collectionShards(JsonNode body, String collection) {
        JsonNode results = Json.object(body, "results");
        JsonNode entry = results.get(collection);
        if (entry == null && results.size() == 1) {
            entry = results.elements().next(); // the server may spell the name its own way
        }
        if (entry == null) {
            throw new ResponseFormatException("field 'results' should hold collection '" + collection + "', but it "
                    + "holds " + results.size() + " other entries");
        }
        return collectionShards(collection, entry);
    }

    private static CollectionShardDistribution collectionShards(String name, JsonNode collection) {
        asObject("results." + name, collection);
        return new CollectionShardDistribution(locations(collection, "Plan"), locations(collection, "Current"),
                Json.extra(collection, "Plan", "Current"));
    }

    private static Map<String, ShardLocation> locations(JsonNode collection, String field) {
        JsonNode shards = Json.optionalObject(collection, field);
        Map<String, ShardLocation> locations = new LinkedHashMap<>();
        if (shards != null) {
            for (Map.Entry<String, JsonNode> shard : shards.properties()) {
                JsonNode location = asObject(field + "." + shard.getKey(), shard.getValue());
                JsonNode progress = Json.optionalObject(location, "progress");
                locations.put(shard.getKey(), new ShardLocation(
                        lenientText(location, "leader"),
                        Json.texts(location, "followers"),
                        progress == null ? null : new ShardSyncProgress(
                                Json.optionalLong(progress, "total"),
                                Json.optionalLong(progress, "current"),
                                Json.optionalDouble(progress, "followerPercent"),
                                Json.optionalLong(progress, "followersSyncing"),
                                Json.extra(progress, "total", "current", "followerPercent", "followersSyncing")),
                        Json.extra(location, "leader", "followers", "progress")));
            }
        }
        return locations;
    }

    /**
     * A coordinator's fan-out to every DB-Server: {@code result} holds each DB-Server's whole answer
     * ({@code {error, code, result}}) by server id, or {@code {error:true, errorMessage, errorCode}} when it
     * could not be reached. A single server answers with its own result in place of the map.
     */
    static <T> DbServerResults<T> perDbServer(JsonNode body, Function<JsonNode, T> read) {
        JsonNode result = Json.object(body, "result");
        Map<String, T> results = new LinkedHashMap<>();
        Map<String, DbServerFailure> failures = new LinkedHashMap<>();
        boolean perServer = true;
        for (JsonNode value : result) {
            perServer &= value.isObject();
        }
        if (!perServer) {
            results.put("", read.apply(result));
        } else {
            for (Map.Entry<String, JsonNode> server : result.properties()) {
                JsonNode answer = server.getValue();
                if (Boolean.TRUE.equals(Json.optionalBoolean(answer, "error"))) {
                    Integer errorNum = Json.optionalInt(answer, "errorNum");
                    failures.put(server.getKey(), new DbServerFailure(
                            Json.optionalInt(answer, "code"),
                            errorNum != null ? errorNum : Json.optionalInt(answer, "errorCode"),
                            lenientText(answer, "errorMessage"),
                            Json.extra(answer, "errorNum", "errorCode", "errorMessage")));
                } else {
                    results.put(server.getKey(), read.apply(Json.object(answer, "result")));
                }
            }
        }
        return new DbServerResults<>(results, failures, Json.extra(body, "result"));
    }

    static VpackSortStatus vpackSortStatus(JsonNode result) {
        return new VpackSortStatus(lenientText(result, "current"), lenientText(result, "next"),
                Json.extra(result, "current", "next"));
    }

    static VpackSortResult vpackSortResult(JsonNode result) {
        return new VpackSortResult(
                Boolean.TRUE.equals(Json.optionalBoolean(result, "error")),
                Json.optionalInt(result, "errorCode"),
                lenientText(result, "errorMessage"),
                Json.list(result, "affected", index -> {
                    asObject("affected", index);
                    return new LegacySortedIndex(lenientText(index, "database"), lenientText(index, "collection"),
                            optionalId(index, "indexId"), lenientText(index, "indexName"),
                            Json.extra(index, "database", "collection", "indexId", "indexName"));
                }),
                Json.extra(result, "errorCode", "errorMessage", "affected"));
    }
}
