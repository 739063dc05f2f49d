package io.aioarango.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.AgencyJob;
import io.aioarango.api.AgencyJobStatus;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.CollectionShardDistribution;
import io.aioarango.api.CoordinatorAvailability;
import io.aioarango.api.DatabaseInventory;
import io.aioarango.api.DbServerFailure;
import io.aioarango.api.DbServerResults;
import io.aioarango.api.InventoryCollection;
import io.aioarango.api.LeaderImbalance;
import io.aioarango.api.LegacySortedIndex;
import io.aioarango.api.RebalanceMove;
import io.aioarango.api.RebalancePlan;
import io.aioarango.api.ServerCount;
import io.aioarango.api.ServerEngine;
import io.aioarango.api.ServerHealth;
import io.aioarango.api.ServerMaintenance;
import io.aioarango.api.ServerMaintenanceMode;
import io.aioarango.api.ServerMode;
import io.aioarango.api.ServerStatistics;
import io.aioarango.api.ServerVersion;
import io.aioarango.api.ShardDistribution;
import io.aioarango.api.ShardImbalance;
import io.aioarango.api.ShardLocation;
import io.aioarango.api.ShardSyncProgress;
import io.aioarango.api.VpackSortResult;
import io.aioarango.api.VpackSortStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Reads the JSON answers of the cluster API into the domain records, keeping what they do not model. */
final class ClusterResults {
    private ClusterResults() {
    }

    static ClusterHealth health(JsonNode body) {
        Map<String, ServerHealth> servers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : Json.object(body, "Health").properties()) {
            servers.put(entry.getKey(), serverHealth(entry.getKey(), entry.getValue()));
        }
        return new ClusterHealth(Json.text(body, "ClusterId"), servers, Json.extra(body, "ClusterId", "Health"));
    }

    /** Agents send {@code LastAckedTime} as seconds (a number), the other servers as a timestamp (a string). */
    private static ServerHealth serverHealth(String id, JsonNode server) {
        if (!server.isObject()) {
            throw new ResponseFormatException("Health entry '" + id + "' should be an object");
        }
        JsonNode acked = server.path("LastAckedTime");
        return new ServerHealth(
                id,
                Json.optionalText(server, "Role"),
                Json.optionalText(server, "Status"),
                Json.optionalText(server, "SyncStatus"),
                Json.optionalText(server, "Endpoint"),
                Json.optionalText(server, "Host"),
                Json.optionalText(server, "ShortName"),
                Json.optionalText(server, "Version"),
                Json.optionalText(server, "Engine"),
                Json.optionalInstant(server, "Timestamp"),
                Json.optionalInstant(server, "SyncTime"),
                acked.isTextual() ? Json.optionalInstant(server, "LastAckedTime") : null,
                acked.isNumber() ? Json.optionalSeconds(server, "LastAckedTime") : null,
                Json.optionalBoolean(server, "CanBeDeleted"),
                Json.optionalText(server, "Leader"),
                Json.optionalBoolean(server, "Leading"),
                Json.extra(server, "Role", "Status", "SyncStatus", "Endpoint", "Host", "ShortName", "Version",
                        "Engine", "Timestamp", "SyncTime", "LastAckedTime", "CanBeDeleted", "Leader", "Leading"));
    }

    static ServerCount serverCount(JsonNode body) {
        return new ServerCount(
                Json.optionalInt(body, "numberOfCoordinators"),
                Json.optionalInt(body, "numberOfDBServers"),
                Json.texts(body, "cleanedServers"),
                Json.extra(body, "numberOfCoordinators", "numberOfDBServers", "cleanedServers"));
    }

    static ServerVersion serverVersion(JsonNode body) {
        return new ServerVersion(
                Json.optionalText(body, "server"),
                Json.optionalText(body, "license"),
                Json.text(body, "version"),
                Json.toMap(Json.optionalObject(body, "details")),
                Json.extra(body, "server", "license", "version", "details"));
    }

    static ServerEngine serverEngine(JsonNode body) {
        JsonNode supports = Json.optionalObject(body, "supports");
        return new ServerEngine(
                Json.text(body, "name"),
                supports == null ? List.of() : Json.texts(supports, "indexes"),
                Json.toMap(supports),
                Json.extra(body, "name", "supports"));
    }

    static ServerStatistics serverStatistics(JsonNode body) {
        if (body.path("time").isMissingNode()) {
            throw new ResponseFormatException("field 'time' should be a number, but it is missing");
        }
        return new ServerStatistics(
                Json.optionalEpochSeconds(body, "time"),
                Json.optionalBoolean(body, "enabled"),
                Json.toMap(Json.optionalObject(body, "system")),
                Json.toMap(Json.optionalObject(body, "client")),
                Json.toMap(Json.optionalObject(body, "clientUser")),
                Json.toMap(Json.optionalObject(body, "http")),
                Json.toMap(Json.optionalObject(body, "server")),
                Json.extra(body, "time", "enabled", "system", "client", "clientUser", "http", "server"));
    }

    /** The server leaves {@code result} out while the DB-Server is not in maintenance. */
    static ServerMaintenance serverMaintenance(JsonNode body) {
        JsonNode result = Json.optionalObject(body, "result");
        if (result == null) {
            return null;
        }
        String mode = Json.text(result, "Mode");
        try {
            return new ServerMaintenance(ServerMaintenanceMode.fromString(mode), Json.optionalInstant(result, "Until"),
                    Json.extra(result, "Mode", "Until"));
        } catch (IllegalArgumentException e) {
            throw new ResponseFormatException("field 'Mode' holds an unknown mode '" + mode + "'", e);
        }
    }

    static List<String> endpoints(JsonNode body) {
        Json.array(body, "endpoints");
        return Json.list(body, "endpoints", entry -> Json.text(entry, "endpoint"));
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
                Json.list(result, "moves", ClusterResults::move),
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
    static String jobId(JsonNode body) {
        String id = optionalId(body, "id");
        if (id == null || id.isEmpty()) {
            throw new ResponseFormatException("field 'id' should be the job's id, but it is missing or empty");
        }
        return id;
    }

    /**
     * An agency job as queryAgencyJob sends it: the agency's own fields plus {@code job} and {@code status}
     * (no {@code code}). Read leniently, as the body is built by hand: a time that is not ISO-8601 is kept
     * in the extras rather than failing the call.
     */
    static AgencyJob agencyJob(JsonNode body, String requestedId) {
        String status = Json.text(body, "status");
        AgencyJobStatus parsed;
        try {
            parsed = AgencyJobStatus.fromString(status);
        } catch (IllegalArgumentException e) {
            throw new ResponseFormatException("field 'status': " + e.getMessage(), e);
        }
        String id = optionalId(body, "job");
        if (id == null) {
            id = optionalId(body, "jobId");
        }
        Map<String, Object> extra = Json.extra(body, "job", "jobId", "status", "type", "server", "reason", "creator",
                "timeCreated", "timeStarted", "timeFinished");
        return new AgencyJob(
                id != null ? id : requestedId,
                parsed,
                lenientText(body, "type"),
                lenientText(body, "server"),
                lenientText(body, "reason"),
                lenientText(body, "creator"),
                time(body, "timeCreated", extra),
                time(body, "timeStarted", extra),
                time(body, "timeFinished", extra),
                extra);
    }

    static DatabaseInventory inventory(JsonNode body) {
        return new DatabaseInventory(
                Json.toMap(Json.optionalObject(body, "properties")),
                Json.list(body, "collections", ClusterResults::inventoryCollection),
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

    /** A 200 answer of {@code /_admin/server/availability}; a mode this SDK does not know stays in the extras. */
    static CoordinatorAvailability availability(String host, JsonNode body) {
        Map<String, Object> extra = Json.extra(body, "mode");
        String mode = lenientText(body, "mode");
        ServerMode known = null;
        if (mode != null) {
            try {
                known = ServerMode.fromString(mode);
            } catch (IllegalArgumentException e) {
                extra.put("mode", mode);
            }
        }
        return new CoordinatorAvailability(host, true, known, null, extra);
    }

    /** {@code {topic: LEVEL}}, not wrapped in an envelope; an envelope's fields are skipped all the same. */
    static Map<String, String> logLevels(JsonNode body) {
        Map<String, String> levels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> topic : body.properties()) {
            JsonNode level = topic.getValue();
            if (level.isTextual()) {
                levels.put(topic.getKey(), level.textValue());
            } else if (!topic.getKey().equals("error") && !topic.getKey().equals("code")) {
                throw new ResponseFormatException("topic '" + topic.getKey() + "' should have a level as a string, "
                        + "but found " + level.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
        }
        return levels;
    }

    /** An id the server may send as a string or as a number, as text; {@code null} when absent. */
    private static String optionalId(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        throw new ResponseFormatException("field '" + field + "' should be an id (a string or an integer), but found "
                + value.getNodeType().toString().toLowerCase(Locale.ROOT));
    }

    /** A free-text field: its text, or the JSON of whatever else it holds; {@code null} when absent. */
    private static String lenientText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** An ISO-8601 time; one that is not is kept, as sent, in {@code extra} rather than failing the call. */
    private static Instant time(JsonNode object, String field, Map<String, Object> extra) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.textValue());
            } catch (DateTimeParseException e) {
                // kept below
            }
        }
        extra.put(field, Json.MAPPER.convertValue(value, Object.class));
        return null;
    }

    private static JsonNode asObject(String field, JsonNode value) {
        if (!value.isObject()) {
            throw new ResponseFormatException("field '" + field + "' should hold objects, but found "
                    + value.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return value;
    }
}
