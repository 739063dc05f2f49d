package io.aioarango.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a fake coordinator answers: the cluster API of ArangoDB 3.12, on bodies recorded from real servers
 * where the answer does not depend on the cluster, and built from the cluster's state where it does.
 */
final class Answers {
    /** One answer: a status, a body and its content type. */
    record Answer(int status, byte[] body, String contentType) {
        static final String JSON_TYPE = "application/json; charset=utf-8";

        /** A JSON answer. */
        Answer(int status, byte[] body) {
            this(status, body, JSON_TYPE);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "3.12.10";
    private static final String CLUSTER_ID = "8a5f8e3c-6f8b-4c3e-9a54-2f6b9a1d7c40";
    private static final JsonNode VERSION_BODY = load("version.json");
    private static final JsonNode VERSION_DETAILS_BODY = load("version-details.json");
    private static final JsonNode ENGINE_BODY = load("engine.json");
    private static final JsonNode STATISTICS_BODY = load("statistics.json");
    private static final JsonNode IMBALANCE_BODY = load("imbalance.json");
    private static final JsonNode PLAN_BODY = load("rebalance-plan.json");
    private static final JsonNode MAINTENANCE_ON_BODY = load("maintenance-on.json");
    private static final JsonNode MAINTENANCE_OFF_BODY = load("maintenance-off.json");

    private static final Map<Integer, String> MESSAGES = Map.of(
            503, "service unavailable due to startup or maintenance mode",
            21003, "queue is full",
            30, "shutdown in progress",
            1496, "not a leader",
            1004, "read only",
            4, "internal error");

    private final ClusterState cluster;
    private final FakeCoordinator coordinator;
    private final AdminAnswers admin;

    Answers(ClusterState cluster, FakeCoordinator coordinator) {
        this.cluster = cluster;
        this.coordinator = coordinator;
        this.admin = new AdminAnswers(cluster, coordinator);
    }

    /** Whether a path is served without credentials, as ArangoDB serves it: the availability check. */
    static boolean isPublic(String rawPath) {
        return rawPath.equals(AdminAnswers.AVAILABILITY)
                || rawPath.startsWith("/_db/") && rawPath.endsWith(AdminAnswers.AVAILABILITY)
                        && rawPath.indexOf('/', 5) == rawPath.length() - AdminAnswers.AVAILABILITY.length();
    }

    static JsonNode load(String name) {
        try (InputStream in = Answers.class.getResourceAsStream("answers/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The testkit's answer " + name + " is missing from its jar");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error body ArangoDB sends, with the message it uses for well-known errorNums. */
    static Answer error(int status, int errorNum) {
        return error(status, errorNum, MESSAGES.getOrDefault(errorNum, "error injected by the testkit"));
    }

    static Answer error(int status, int errorNum, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", status).put("error", true).put("errorNum", errorNum).put("errorMessage", message);
        return answer(status, body);
    }

    static Answer answer(int status, JsonNode body) {
        try {
            return new Answer(status, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer ok(ObjectNode fields) {
        ObjectNode body = JSON.createObjectNode().put("error", false).put("code", 200);
        body.setAll(fields);
        return answer(200, body);
    }

    /**
     * The answer to one request that carried valid credentials.
     *
     * @param rawPath the path as sent, percent-encoded, without the query
     * @param query the decoded query parameters
     */
    Answer answer(String method, String rawPath, Map<String, List<String>> query, String body) {
        String path = rawPath;
        String database = "_system";
        if (path.startsWith("/_db/")) {
            int end = path.indexOf('/', 5);
            database = URLDecoder.decode(path.substring(5, end < 0 ? path.length() : end), StandardCharsets.UTF_8);
            if (!cluster.hasDatabase(database)) {
                return error(404, 1228, "database not found");
            }
            path = end < 0 ? "/" : path.substring(end);
        }
        cluster.agency().tick(); // agency jobs move one step with each request answered
        try {
            return route(method, path, database, query, body);
        } catch (JsonProcessingException e) {
            return error(400, 600, "VPackError error: " + e.getOriginalMessage());
        }
    }

    private Answer route(String method, String path, String database, Map<String, List<String>> query, String body)
            throws JsonProcessingException {
        switch (path) {
            case "/_api/version":
                return get(method, () -> answer(200, "true".equals(first(query, "details"))
                        ? VERSION_DETAILS_BODY : VERSION_BODY));
            case "/_api/engine":
                return get(method, () -> answer(200, ENGINE_BODY));
            case "/_admin/statistics":
                return get(method, () -> statistics());
            case "/_admin/server/id":
                return get(method, () -> ok(JSON.createObjectNode().put("id", coordinator.serverId())));
            case "/_admin/server/role":
                return get(method, () -> ok(JSON.createObjectNode().put("role", "COORDINATOR").put("mode", "default")));
            case "/_admin/server/mode":
                return get(method, () -> ok(JSON.createObjectNode().put("mode", "default")));
            case "/_admin/cluster/health":
                return get(method, this::health);
            case "/_admin/cluster/numberOfServers":
                return get(method, () -> {
                    ObjectNode count = JSON.createObjectNode()
                            .put("numberOfCoordinators", cluster.coordinators().size())
                            .put("numberOfDBServers", cluster.dbServers().size());
                    cluster.agency().cleanedServers().forEach(count.putArray("cleanedServers")::add);
                    return ok(count);
                });
            case "/_admin/cluster/nodeVersion":
                return get(method, () -> perServer(query, VERSION_BODY));
            case "/_admin/cluster/nodeEngine":
                return get(method, () -> perServer(query, ENGINE_BODY));
            case "/_admin/cluster/nodeStatistics":
                return get(method, () -> perServer(query, null));
            case "/_api/cluster/endpoints":
                return get(method, this::endpoints);
            case "/_admin/cluster/maintenance":
                return "PUT".equals(method) ? maintenance(body) : notAllowed();
            case "/_admin/cluster/rebalance":
                switch (method) {
                    case "GET":
                        return answer(200, IMBALANCE_BODY);
                    case "POST":
                    case "PUT":
                        return plan(body);
                    default:
                        return notAllowed();
                }
            case "/_admin/cluster/rebalance/execute":
                return "POST".equals(method) ? execute(body) : notAllowed();
            default:
                Answer answer = admin.route(method, path, database, query, body);
                if (answer != null) {
                    return answer;
                }
                if (path.startsWith("/_admin/cluster/maintenance/")) {
                    String server = URLDecoder.decode(path.substring("/_admin/cluster/maintenance/".length()),
                            StandardCharsets.UTF_8);
                    return serverMaintenance(method, server, body);
                }
                return error(404, 404, "unknown path '" + path + "'");
        }
    }

    /** Answers a route of one method. */
    interface Body {
        Answer get() throws JsonProcessingException;
    }

    static Answer get(String method, Body body) throws JsonProcessingException {
        return "GET".equals(method) ? body.get() : notAllowed();
    }

    static Answer notAllowed() {
        return error(405, 405, "method not supported");
    }

    static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static Answer statistics() {
        ObjectNode body = STATISTICS_BODY.deepCopy();
        body.put("time", System.currentTimeMillis() / 1000.0);
        return answer(200, body);
    }

    /** nodeVersion, nodeEngine and nodeStatistics: the server's own answer, passed through unchanged. */
    private Answer perServer(Map<String, List<String>> query, JsonNode body) {
        String server = first(query, "ServerID");
        if (server == null || server.isEmpty()) {
            return error(400, 400, "missing parameter `ServerID`");
        }
        if (!cluster.isServer(server)) {
            return error(400, 400, "unknown server");
        }
        return body == null ? statistics() : answer(200, body);
    }

    private Answer health() {
        ObjectNode servers = JSON.createObjectNode();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (FakeCoordinator c : cluster.coordinators()) {
            boolean up = c.isRunning();
            servers.set(c.serverId(), server(c.endpoint(), "127.0.0.1", c.shortName(), "Coordinator", now, up));
        }
        for (String id : cluster.dbServers()) {
            String shortName = cluster.agency().shortName(id);
            String host = "dbserver" + Integer.parseInt(shortName.substring("DBServer".length())) + ".fake.invalid";
            servers.set(id, server("tcp://" + host + ":8529", host, shortName, "DBServer", now,
                    !cluster.agency().isFailed(id)));
        }
        List<String> agents = cluster.agents();
        for (int i = 0; i < agents.size(); i++) {
            ObjectNode agent = JSON.createObjectNode()
                    .put("Endpoint", "tcp://agent" + (i + 1) + ".fake.invalid:8529")
                    .put("Role", "Agent").put("CanBeDeleted", false).put("Version", VERSION).put("Engine", "rocksdb")
                    .put("Leader", agents.get(0)).put("Status", "GOOD").put("LastAckedTime", 0.312);
            if (i == 0) {
                agent.put("Leading", true);
            }
            servers.set(agents.get(i), agent);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("Health", servers);
        body.put("ClusterId", CLUSTER_ID).put("error", false).put("code", 200);
        return answer(200, body);
    }

    private static ObjectNode server(String endpoint, String host, String shortName, String role, String now,
            boolean up) {
        return JSON.createObjectNode()
                .put("Endpoint", endpoint).put("LastAckedTime", now).put("SyncTime", now)
                .put("Version", VERSION).put("Engine", "rocksdb").put("ShortName", shortName).put("Timestamp", now)
                .put("Status", up ? "GOOD" : "FAILED").put("SyncStatus", up ? "SERVING" : "UNKNOWN")
                .put("Host", host).put("Role", role).put("CanBeDeleted", !up);
    }

    private Answer endpoints() {
        ArrayNode endpoints = JSON.createArrayNode();
        cluster.coordinators().forEach(c -> endpoints.addObject().put("endpoint", c.endpoint()));
        return ok((ObjectNode) JSON.createObjectNode().set("endpoints", endpoints));
    }

    /** {@code PUT /_admin/cluster/maintenance} with the JSON string {@code "on"} or {@code "off"}. */
    private Answer maintenance(String body) throws JsonProcessingException {
        JsonNode mode = JSON.readTree(body.isEmpty() ? "null" : body);
        if (mode.isTextual() && mode.asText().equals("on")) {
            cluster.maintenance(true);
            return answer(200, MAINTENANCE_ON_BODY);
        }
        if (mode.isTextual() && mode.asText().equals("off")) {
            cluster.maintenance(false);
            return answer(200, MAINTENANCE_OFF_BODY);
        }
        return error(400, 400, "state string must be 'on' or 'off'");
    }

    private Answer serverMaintenance(String method, String server, String body) throws JsonProcessingException {
        if (!cluster.dbServers().contains(server)) {
            return error(400, 400, "unknown server");
        }
        if ("GET".equals(method)) {
            Optional<Instant> until = cluster.serverMaintenance(server);
            ObjectNode fields = JSON.createObjectNode();
            until.ifPresent(u -> fields.putObject("result").put("Mode", "maintenance").put("Until", u.toString()));
            return ok(fields);
        }
        if (!"PUT".equals(method)) {
            return notAllowed();
        }
        JsonNode request = JSON.readTree(body.isEmpty() ? "null" : body);
        String mode = request.path("mode").asText("");
        if (mode.equals("normal")) {
            cluster.serverMaintenance(server, null);
            return ok(JSON.createObjectNode());
        }
        if (!mode.equals("maintenance")) {
            return error(400, 400, "mode must be 'maintenance' or 'normal'");
        }
        long timeout = request.path("timeout").asLong(3600);
        cluster.serverMaintenance(server, Instant.now().plus(Duration.ofSeconds(timeout)).truncatedTo(ChronoUnit.SECONDS));
        return ok(JSON.createObjectNode());
    }

    /** A plan of one move between this cluster's first two DB-Servers, as the recorded plan has. */
    private Answer plan(String body) throws JsonProcessingException {
        if (!body.isEmpty() && !JSON.readTree(body).isObject()) {
            return error(400, 400, "expected an object with the rebalance options");
        }
        ObjectNode plan = PLAN_BODY.deepCopy();
        List<String> dbServers = cluster.dbServers();
        for (JsonNode move : plan.path("result").path("moves")) {
            ((ObjectNode) move).put("from", dbServers.get(0)).put("to", dbServers.get(dbServers.size() > 1 ? 1 : 0));
        }
        return answer(200, plan);
    }

    private static Answer execute(String body) throws JsonProcessingException {
        JsonNode request = JSON.readTree(body.isEmpty() ? "null" : body);
        if (!request.path("moves").isArray()) {
            return error(400, 400, "expected an object with 'version' and 'moves'");
        }
        return request.path("moves").isEmpty() ? ok(JSON.createObjectNode())
                : answer(202, JSON.createObjectNode().put("error", false).put("code", 202));
    }
}
