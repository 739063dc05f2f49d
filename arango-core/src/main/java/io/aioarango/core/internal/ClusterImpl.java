package io.aioarango.core.internal;

import static io.aioarango.api.HttpMethod.GET;
import static io.aioarango.api.HttpMethod.POST;
import static io.aioarango.api.HttpMethod.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Cluster;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.MaintenanceMode;
import io.aioarango.api.RebalanceMove;
import io.aioarango.api.RebalanceOptions;
import io.aioarango.api.RebalancePlan;
import io.aioarango.api.ServerCount;
import io.aioarango.api.ServerEngine;
import io.aioarango.api.ServerMaintenance;
import io.aioarango.api.ServerMaintenanceMode;
import io.aioarango.api.ServerMode;
import io.aioarango.api.ServerRole;
import io.aioarango.api.ServerStatistics;
import io.aioarango.api.ServerVersion;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The cluster API: each call checks its arguments, then describes its request and how to read the
 * answer. Routing, failover and error handling are the executor's.
 */
final class ClusterImpl implements Cluster {
    private final DatabaseRoute route;
    private final RequestExecutor executor;
    // The calls without arguments are the same every time: built once, request and route included.
    private final Call<String> serverId;
    private final Call<ServerRole> serverRole;
    private final Call<ServerMode> serverMode;
    private final Call<ClusterHealth> health;
    private final Call<ServerCount> serverCount;
    private final Call<List<String>> endpoints;
    private final Call<ClusterImbalance> imbalance;

    ClusterImpl(DatabaseRoute route, RequestExecutor executor) {
        this.route = route;
        this.executor = executor;
        // The answers of one string field are read as a stream, the others as a tree.
        serverId = prepared(request(GET, "/_admin/server/id", "cluster.serverId"),
                response -> Json.textField(response, "id"));
        serverRole = prepared(request(GET, "/_admin/server/role", "cluster.serverRole"),
                response -> known("role", Json.textField(response, "role"), ServerRole::fromString));
        serverMode = prepared(request(GET, "/_admin/server/mode", "cluster.serverMode"),
                response -> known("mode", Json.textField(response, "mode"), ServerMode::fromString));
        health = prepared(request(GET, "/_admin/cluster/health", "cluster.health"), reader(ClusterResults::health));
        serverCount = prepared(request(GET, "/_admin/cluster/numberOfServers", "cluster.serverCount"),
                reader(ClusterResults::serverCount));
        endpoints = prepared(request(GET, "/_api/cluster/endpoints", "cluster.endpoints"),
                reader(ClusterResults::endpoints));
        imbalance = prepared(request(GET, "/_admin/cluster/rebalance", "cluster.calculateImbalance"),
                reader(body -> ClusterResults.imbalance(Json.object(body, "result"))));
    }

    private <T> Call<T> prepared(ArangoRequest.Builder builder, Call.Reader<T> reader) {
        ArangoRequest request = builder.build();
        return new Call<>(request, reader, route.toHttp(request));
    }

    @Override
    public CompletableFuture<String> serverId() {
        return executor.execute(route, serverId);
    }

    @Override
    public CompletableFuture<ServerRole> serverRole() {
        return executor.execute(route, serverRole);
    }

    @Override
    public CompletableFuture<ServerMode> serverMode() {
        return executor.execute(route, serverMode);
    }

    @Override
    public CompletableFuture<ClusterHealth> health() {
        return executor.execute(route, health);
    }

    @Override
    public CompletableFuture<ServerCount> serverCount() {
        return executor.execute(route, serverCount);
    }

    @Override
    public CompletableFuture<ServerVersion> serverVersion(String serverId) {
        return send(request(GET, "/_admin/cluster/nodeVersion", "cluster.serverVersion")
                .queryParam("ServerID", checkServerId(serverId)), ClusterResults::serverVersion);
    }

    @Override
    public CompletableFuture<ServerEngine> serverEngine(String serverId) {
        return send(request(GET, "/_admin/cluster/nodeEngine", "cluster.serverEngine")
                .queryParam("ServerID", checkServerId(serverId)), ClusterResults::serverEngine);
    }

    @Override
    public CompletableFuture<ServerStatistics> serverStatistics(String serverId) {
        return send(request(GET, "/_admin/cluster/nodeStatistics", "cluster.serverStatistics")
                .queryParam("ServerID", checkServerId(serverId)), ClusterResults::serverStatistics);
    }

    @Override
    public CompletableFuture<String> toggleMaintenanceMode(String mode) {
        return toggleMaintenanceMode(MaintenanceMode.fromString(mode));
    }

    @Override
    public CompletableFuture<String> toggleMaintenanceMode(MaintenanceMode mode) {
        Objects.requireNonNull(mode, "mode");
        // Setting the same mode twice has the same effect as once: safe to retry.
        return send(request(PUT, "/_admin/cluster/maintenance", "cluster.toggleMaintenanceMode")
                .body(Json.write(mode.value())).idempotent(true), body -> Json.text(body, "warning"));
    }

    @Override
    public CompletableFuture<Optional<ServerMaintenance>> serverMaintenanceMode(String serverId) {
        return send(request(GET, "/_admin/cluster/maintenance/" + UrlEncoding.encode(checkServerId(serverId)),
                "cluster.serverMaintenanceMode"), body -> Optional.ofNullable(ClusterResults.serverMaintenance(body)));
    }

    @Override
    public CompletableFuture<Void> toggleServerMaintenanceMode(String serverId, String mode, Duration timeout) {
        return toggleServerMaintenanceMode(serverId, ServerMaintenanceMode.fromString(mode), timeout);
    }

    @Override
    public CompletableFuture<Void> toggleServerMaintenanceMode(String serverId, ServerMaintenanceMode mode,
            Duration timeout) {
        String path = "/_admin/cluster/maintenance/" + UrlEncoding.encode(checkServerId(serverId));
        Objects.requireNonNull(mode, "mode");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", mode.value());
        if (timeout != null) {
            if (mode == ServerMaintenanceMode.NORMAL) {
                throw new IllegalArgumentException(
                        "A timeout applies only to maintenance; pass null with ServerMaintenanceMode.NORMAL");
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.getNano() != 0) {
                throw new IllegalArgumentException("Maintenance timeout " + timeout
                        + " is not accepted; use whole seconds of at least 1, or null for the server's default (1 hour)");
            }
            body.put("timeout", timeout.getSeconds());
        }
        return send(request(PUT, path, "cluster.toggleServerMaintenanceMode").body(Json.write(body)).idempotent(true),
                null);
    }

    @Override
    public CompletableFuture<List<String>> endpoints() {
        return executor.execute(route, endpoints);
    }

    @Override
    public CompletableFuture<ClusterImbalance> calculateImbalance() {
        return executor.execute(route, imbalance);
    }

    @Override
    public CompletableFuture<RebalancePlan> calculateRebalancePlan(RebalanceOptions options) {
        Objects.requireNonNull(options, "options");
        // Only computes a plan: safe to retry.
        return send(request(POST, "/_admin/cluster/rebalance", "cluster.calculateRebalancePlan")
                .body(Json.write(options.asMap())).idempotent(true),
                body -> ClusterResults.plan(Json.object(body, "result")));
    }

    @Override
    public CompletableFuture<RebalancePlan> rebalance(RebalanceOptions options) {
        Objects.requireNonNull(options, "options");
        return send(request(PUT, "/_admin/cluster/rebalance", "cluster.rebalance")
                .body(Json.write(options.asMap())).idempotent(false),
                body -> ClusterResults.plan(Json.object(body, "result")));
    }

    @Override
    public CompletableFuture<Void> executeRebalancePlan(List<RebalanceMove> moves) {
        if (moves == null || moves.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("moves must be a list of RebalanceMove without nulls, e.g. the moves "
                    + "of calculateRebalancePlan(); got " + moves);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", RebalanceOptions.VERSION);
        body.put("moves", moves.stream().map(ClusterResults::moveBody).toList());
        return send(request(POST, "/_admin/cluster/rebalance/execute", "cluster.executeRebalancePlan")
                .body(Json.write(body)), null);
    }

    private static ArangoRequest.Builder request(HttpMethod method, String path, String operation) {
        return ArangoRequest.builder(method, path).operation(operation);
    }

    /**
     * @param reader reads the answer's JSON object; {@code null} for calls that return nothing, which then
     *               accept any 2xx answer
     */
    private <T> CompletableFuture<T> send(ArangoRequest.Builder request, Function<JsonNode, T> reader) {
        return executor.execute(route, new Call<>(request.build(), reader(reader)));
    }

    private static <T> Call.Reader<T> reader(Function<JsonNode, T> reader) {
        return reader == null ? response -> null : response -> reader.apply(Json.readObject(response));
    }

    private static <E> E known(String field, String value, Function<String, E> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ResponseFormatException("field '" + field + "': " + e.getMessage(), e);
        }
    }

    private static String checkServerId(String serverId) {
        if (serverId == null) {
            throw new IllegalArgumentException(
                    "Server id is null; pass the id of a server, e.g. PRMR-1234 from health().servers()");
        }
        if (serverId.equals(".") || serverId.equals("..")) {
            throw new IllegalArgumentException("Server id '" + serverId
                    + "' is a path segment, not a server id; pass e.g. PRMR-1234 from health().servers()");
        }
        if (serverId.isBlank()) {
            throw new IllegalArgumentException("Server id '" + serverId
                    + "' is blank; pass the id of a server, e.g. PRMR-1234 from health().servers()");
        }
        return serverId;
    }
}
