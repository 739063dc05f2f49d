package io.aioarango.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.AgencyJob;
import io.aioarango.api.AgencyJobStatus;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.CoordinatorAvailability;
import io.aioarango.api.ServerCount;
import io.aioarango.api.ServerEngine;
import io.aioarango.api.ServerHealth;
import io.aioarango.api.ServerMaintenance;
import io.aioarango.api.ServerMaintenanceMode;
import io.aioarango.api.ServerMode;
import io.aioarango.api.ServerStatistics;
import io.aioarango.api.ServerVersion;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JSON answers of the cluster API about servers, jobs and coordinators into the domain records,
 * keeping what they do not model. The answers about shards and rebalancing are {@link ShardResults}'.
 */
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
    static String optionalId(JsonNode object, String field) {
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
    static String lenientText(JsonNode object, String field) {
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

    static JsonNode asObject(String field, JsonNode value) {
        if (!value.isObject()) {
            throw new ResponseFormatException("field '" + field + "' should hold objects, but found "
                    + value.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return value;
    }
}
