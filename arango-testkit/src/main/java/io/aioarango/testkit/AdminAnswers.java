package io.aioarango.testkit;

import static io.aioarango.testkit.Answers.JSON;
import static io.aioarango.testkit.Answers.answer;
import static io.aioarango.testkit.Answers.error;
import static io.aioarango.testkit.Answers.first;
import static io.aioarango.testkit.Answers.get;
import static io.aioarango.testkit.Answers.notAllowed;
import static io.aioarango.testkit.Answers.ok;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rest of cluster administration, as ArangoDB 3.12 answers it: shard moves, clean-out, resignation
 * and removal of DB-Servers, agency jobs, inventory, shard distribution, per-server statistics, VPack sort
 * migration, availability, log levels and metrics. The bodies take the shape of those in ArangoDB's source.
 */
final class AdminAnswers {
    static final String AVAILABILITY = "/_admin/server/availability";
    private static final String VPACK_SORT = "/_admin/cluster/vpackSortMigration/";
    private static final Set<String> LEVELS = Set.of("FATAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE", "DEFAULT");
    private static final Map<String, String> DEFAULT_LEVELS = defaultLevels();
    private static final String METRICS = text("metrics.prom");
    /** The tick an inventory reports; the fake has no write-ahead log to count. */
    private static final String TICK = "1872607108350000000";

    private final ClusterState cluster;
    private final Agency agency;
    private final FakeCoordinator coordinator;

    AdminAnswers(ClusterState cluster, FakeCoordinator coordinator) {
        this.cluster = cluster;
        this.agency = cluster.agency();
        this.coordinator = coordinator;
    }

    private static Map<String, String> defaultLevels() {
        Map<String, String> levels = new LinkedHashMap<>();
        Answers.load("log-levels.json").properties().forEach(topic -> levels.put(topic.getKey(), topic.getValue().asText()));
        return levels;
    }

    private static String text(String name) {
        try (InputStream in = AdminAnswers.class.getResourceAsStream("answers/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The testkit's answer " + name + " is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer to one of these routes.
     *
     * @param path     the path below the database
     * @param database the database of the path, {@code _system} without one
     * @return the answer, or null when the path is none of these
     */
    Answers.Answer route(String method, String path, String database, Map<String, List<String>> query, String body)
            throws JsonProcessingException {
        switch (path) {
            case "/_admin/cluster/moveShard":
                return post(method, () -> moveShard(database, body));
            case "/_admin/cluster/cleanOutServer":
                return post(method, () -> serverJob("cleanOutServer", body));
            case "/_admin/cluster/resignLeadership":
                return post(method, () -> serverJob("resignLeadership", body));
            case "/_admin/cluster/removeServer":
                return post(method, () -> removeServer(body));
            case "/_admin/cluster/queryAgencyJob":
                return get(method, () -> queryJob(first(query, "id")));
            case "/_admin/cluster/cancelAgencyJob":
                return post(method, () -> cancelJob(body));
            case "/_api/replication/clusterInventory":
                return get(method, () -> inventory(database));
            case "/_admin/cluster/shardDistribution":
                return get(method, () -> distribution(agency.collections(database)));
            case "/_admin/cluster/collectionShardDistribution":
                return collectionDistribution(method, database, query, body);
            case "/_admin/cluster/statistics":
                return get(method, () -> statistics(first(query, "DBserver")));
            case VPACK_SORT + "status":
                return get(method, () -> perDbServer(server -> JSON.createObjectNode()
                        .put("next", cluster.sortMigrated(server) ? "CORRECT" : "LEGACY").put("current", "LEGACY")));
            case VPACK_SORT + "check":
                return get(method, () -> perDbServer(server -> sortOutcome("all good with sorting order")
                        .set("affected", JSON.createArrayNode())));
            case VPACK_SORT + "migrate":
                return "PUT".equals(method) ? perDbServer(server -> {
                    cluster.migrateSort(server);
                    return sortOutcome("VPack sorting migration done.");
                }) : notAllowed();
            case AVAILABILITY:
                return get(method, () -> ok(JSON.createObjectNode().put("mode", "default")));
            case "/_admin/log/level":
                return logLevels(method, first(query, "serverId"), body);
            case "/_admin/metrics/v2":
                return get(method, () -> metrics(first(query, "serverId")));
            default:
                return null;
        }
    }

    private static Answers.Answer post(String method, Answers.Body body) throws JsonProcessingException {
        return "POST".equals(method) ? body.get() : notAllowed();
    }

    private static JsonNode json(String body) throws JsonProcessingException {
        return JSON.readTree(body.isEmpty() ? "null" : body);
    }

    private static Answers.Answer accepted(String jobId) {
        return answer(202, JSON.createObjectNode().put("error", false).put("code", 202).put("id", jobId));
    }

    private Answers.Answer moveShard(String urlDatabase, String body) throws JsonProcessingException {
        JsonNode request = json(body);
        for (String field : List.of("collection", "shard", "fromServer", "toServer")) {
            if (!request.path(field).isTextual()) {
                return error(400, 400, "object with keys `database`, `collection`, `shard`, `fromServer` and "
                        + "`toServer` (all strings) expected");
            }
        }
        String database = request.path("database").isTextual() ? request.get("database").asText() : urlDatabase;
        Optional<Agency.Collection> collection = cluster.hasDatabase(database)
                ? agency.collection(database, request.get("collection").asText()) : Optional.empty();
        if (collection.isEmpty()) {
            return error(404, 404, "database/collection not found");
        }
        List<String> servers = collection.get().shards().get(request.get("shard").asText());
        if (servers == null) {
            return error(404, 404, "shard not found");
        }
        String from = agency.resolve(request.get("fromServer").asText());
        String to = agency.resolve(request.get("toServer").asText());
        if (from == null || to == null) {
            return error(404, 404, "one or both dbservers not found");
        }
        if (!servers.contains(from)) {
            return error(404, 404, "shard is not located on the server");
        }
        boolean isLeader = servers.get(0).equals(from);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("database", database);
        fields.put("collection", collection.get().id());
        fields.put("shard", request.get("shard").asText());
        fields.put("fromServer", from);
        fields.put("toServer", to);
        fields.put("isLeader", isLeader);
        fields.put("remainsFollower", isLeader && request.path("remainsFollower").asBoolean(true));
        return accepted(agency.start("moveShard", fields, coordinator.serverId()));
    }

    /** cleanOutServer and resignLeadership: {@code {"server": id or short name}}. */
    private Answers.Answer serverJob(String type, String body) throws JsonProcessingException {
        JsonNode request = json(body);
        if (!request.path("server").isTextual()) {
            return error(400, 400, "object with key `server`");
        }
        String server = agency.resolve(request.get("server").asText());
        if (server == null) {
            return error(404, 404, "unknown server");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("server", server);
        return accepted(agency.start(type, fields, coordinator.serverId()));
    }

    /** The id as a JSON string, or {@code {"server": id}}; 200 with an empty body once removed. */
    private Answers.Answer removeServer(String body) throws JsonProcessingException {
        JsonNode request = json(body);
        JsonNode name = request.isTextual() ? request : request.path("server");
        if (!name.isTextual()) {
            return error(400, 400, "expecting string or object with key `server`");
        }
        String server = agency.resolve(name.asText());
        if (server == null) {
            return cluster.isServer(name.asText()) ? error(412, 412, "server may not be deleted")
                    : error(404, 404, "not found");
        }
        int status = agency.remove(server);
        return status == 200 ? new Answers.Answer(200, new byte[0])
                : status == 404 ? error(404, 404, "not found") : error(412, 412, "server may not be deleted");
    }

    private Answers.Answer queryJob(String id) {
        if (id == null || id.isEmpty()) {
            return error(400, 400, "missing id parameter");
        }
        return agency.job(id).map(job -> answer(200, jobBody(job))).orElseGet(() -> error(404, 404, "not found"));
    }

    /** The job as the agency holds it, plus {@code error}, {@code job} and {@code status}; no {@code code}. */
    private static ObjectNode jobBody(Agency.Job job) {
        ObjectNode body = JSON.createObjectNode().put("type", job.type);
        job.fields.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        body.put("jobId", job.id).put("creator", job.creator).put("timeCreated", job.created.toString());
        if (job.started != null) {
            body.put("timeStarted", job.started.toString());
        }
        if (job.finished != null) {
            body.put("timeFinished", job.finished.toString());
        }
        if (job.reason != null) {
            body.put("reason", job.reason);
        }
        return body.put("error", false).put("job", job.id).put("status", job.status);
    }

    private Answers.Answer cancelJob(String body) throws JsonProcessingException {
        JsonNode id = json(body).path("id");
        if (!id.isTextual()) {
            return error(400, 400, "object with key `id`");
        }
        if (agency.job(id.asText()).isEmpty()) {
            return error(404, 404, "not found");
        }
        String refused = agency.cancel(id.asText());
        return refused != null ? error(400, 400, refused) : answer(200, JSON.createObjectNode()
                .put("job", id.asText()).put("status", "aborted").put("error", false));
    }

    private Answers.Answer inventory(String database) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("properties").put("id", "1").put("name", database).put("isSystem", database.equals("_system"))
                .put("sharding", "").put("replicationFactor", 1).put("writeConcern", 1).put("replicationVersion", "1")
                .put("path", "");
        ArrayNode collections = body.putArray("collections");
        for (Agency.Collection collection : agency.collections(database)) {
            ObjectNode entry = collections.addObject();
            ObjectNode parameters = entry.putObject("parameters").put("globallyUniqueId", "c" + collection.id() + "/")
                    .put("id", collection.id()).put("name", collection.name()).put("type", 2).put("status", 3)
                    .put("waitForSync", false).put("deleted", false).put("isSystem", false)
                    .put("planId", collection.id()).put("numberOfShards", collection.shards().size());
            ObjectNode shards = parameters.putObject("shards");
            collection.shards().forEach((shard, servers) -> servers.forEach(shards.putArray(shard)::add));
            parameters.putArray("shardKeys").add("_key");
            parameters.put("replicationFactor", collection.shards().values().stream().mapToInt(List::size).max()
                    .orElse(1)).put("writeConcern", 1).put("shardingStrategy", "hash");
            entry.putArray("indexes");
            entry.put("planVersion", 1).put("isReady", true).put("allInSync", true);
        }
        body.putArray("views");
        return answer(200, body.put("tick", TICK).put("state", "unused"));
    }

    /** Plan and Current are the same: the fake's shards are always in sync. Servers go by their short names. */
    private Answers.Answer distribution(List<Agency.Collection> collections) {
        ObjectNode results = JSON.createObjectNode();
        for (Agency.Collection collection : collections) {
            ObjectNode entry = results.putObject(collection.name());
            for (String part : List.of("Plan", "Current")) {
                ObjectNode shards = entry.putObject(part);
                collection.shards().forEach((shard, servers) -> {
                    ObjectNode location = shards.putObject(shard).put("leader", agency.shortName(servers.get(0)));
                    ArrayNode followers = location.putArray("followers");
                    servers.subList(1, servers.size()).forEach(follower -> followers.add(agency.shortName(follower)));
                });
            }
        }
        return ok((ObjectNode) JSON.createObjectNode().set("results", results));
    }

    /** {@code GET ?collection=} or {@code PUT {"collection": name}}. */
    private Answers.Answer collectionDistribution(String method, String database, Map<String, List<String>> query,
            String body) throws JsonProcessingException {
        String name;
        if ("GET".equals(method)) {
            name = first(query, "collection");
        } else if ("PUT".equals(method)) {
            JsonNode collection = json(body).path("collection");
            if (!collection.isTextual()) {
                return error(400, 400, "object with key `collection`");
            }
            name = collection.asText();
        } else {
            return notAllowed();
        }
        if (name == null || name.isEmpty()) {
            return error(400, 400, "expected nonempty `collection` parameter");
        }
        Optional<Agency.Collection> collection = agency.collection(database, name);
        return collection.isEmpty() ? error(404, 1203, "collection or view not found")
                : distribution(List.of(collection.get()));
    }

    private Answers.Answer statistics(String dbServer) {
        if (dbServer == null || dbServer.isEmpty()) {
            return error(400, 400, "missing parameter `DBserver`");
        }
        if (cluster.dbServers().contains(dbServer)) {
            return Answers.statistics();
        }
        return cluster.isServer(dbServer) ? error(403, 403, "The specified server is not a DB-Server")
                : error(400, 400, "unknown server");
    }

    /** What a server does for one DB-Server of a fan-out. */
    private interface PerServer {
        ObjectNode result(String dbServer);
    }

    /** A coordinator's fan-out: each DB-Server's whole answer by server id. */
    private Answers.Answer perDbServer(PerServer each) {
        ObjectNode result = JSON.createObjectNode();
        for (String server : cluster.dbServers()) {
            result.putObject(server).put("error", false).put("code", 200).set("result", each.result(server));
        }
        return ok((ObjectNode) JSON.createObjectNode().set("result", result));
    }

    private static ObjectNode sortOutcome(String message) {
        return JSON.createObjectNode().put("error", false).put("errorCode", 0).put("errorMessage", message);
    }

    /** GET or PUT {@code /_admin/log/level}, for the server named, or this coordinator. */
    private Answers.Answer logLevels(String method, String serverId, String body) throws JsonProcessingException {
        String server = serverId == null ? coordinator.serverId() : serverId;
        if (!cluster.isServer(server)) {
            return error(400, 400, "unknown server");
        }
        Map<String, String> levels = cluster.logLevels(server, DEFAULT_LEVELS);
        if ("PUT".equals(method)) {
            JsonNode request = json(body);
            if (!request.isObject() && !request.isTextual()) {
                return error(400, 400, "expecting a JSON object or string");
            }
            synchronized (levels) {
                if (request.isTextual()) {
                    set(levels, "general", request.asText());
                }
                request.properties().forEach(topic -> set(levels, topic.getKey(), topic.getValue().asText()));
            }
        } else if (!"GET".equals(method)) {
            return notAllowed();
        }
        ObjectNode answer = JSON.createObjectNode();
        synchronized (levels) {
            levels.forEach(answer::put);
        }
        return answer(200, answer);
    }

    /** As the server does: the pseudo-topic {@code all} sets every topic; unknown topics and levels are ignored. */
    private static void set(Map<String, String> levels, String topic, String level) {
        String upper = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            return;
        }
        if (topic.equals("all")) {
            levels.replaceAll((name, old) -> upper);
        } else if (levels.containsKey(topic)) {
            levels.put(topic, upper);
        }
    }

    /** Prometheus text, the role label that of the server named (or this coordinator). */
    private Answers.Answer metrics(String serverId) {
        String server = serverId == null ? coordinator.serverId() : serverId;
        if (!cluster.isServer(server)) {
            return error(400, 400, "unknown server");
        }
        String text = METRICS.replace("role=\"SINGLE\"", "role=\"" + cluster.role(server) + "\"");
        return new Answers.Answer(200, text.getBytes(StandardCharsets.UTF_8), "text/plain; version=0.0.4; charset=utf-8");
    }
}
