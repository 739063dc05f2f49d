package io.aioarango.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.LeaderImbalance;
import io.aioarango.api.RebalanceMove;
import io.aioarango.api.RebalancePlan;
import io.aioarango.api.ServerCount;
import io.aioarango.api.ServerEngine;
import io.aioarango.api.ServerHealth;
import io.aioarango.api.ServerMaintenance;
import io.aioarango.api.ServerMaintenanceMode;
import io.aioarango.api.ServerStatistics;
import io.aioarango.api.ServerVersion;
import io.aioarango.api.ShardImbalance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
}
