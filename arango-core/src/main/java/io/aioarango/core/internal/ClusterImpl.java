package io.aioarango.core.internal;

import static io.aioarango.api.HttpMethod.GET;
import static io.aioarango.api.HttpMethod.POST;
import static io.aioarango.api.HttpMethod.PUT;
import static io.aioarango.core.internal.ClusterArguments.checkCollection;
import static io.aioarango.core.internal.ClusterArguments.checkDistinctServers;
import static io.aioarango.core.internal.ClusterArguments.checkJobId;
import static io.aioarango.core.internal.ClusterArguments.checkLevels;
import static io.aioarango.core.internal.ClusterArguments.checkMaintenanceTimeout;
import static io.aioarango.core.internal.ClusterArguments.checkMoves;
import static io.aioarango.core.internal.ClusterArguments.checkName;
import static io.aioarango.core.internal.ClusterArguments.checkServer;
import static io.aioarango.core.internal.ClusterArguments.checkServerId;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.AgencyJob;
import io.aioarango.api.ArangoRequest;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Cluster;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.CollectionShardDistribution;
import io.aioarango.api.CoordinatorAvailability;
import io.aioarango.api.DatabaseInventory;
import io.aioarango.api.DbServerResults;
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
import io.aioarango.api.ShardDistribution;
import io.aioarango.api.VpackSortResult;
import io.aioarango.api.VpackSortStatus;
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
 * answer. Routing, failover and error handling are the executor's; the calls that take more than one
 * request are workflows of their own ({@link AgencyJobWait}, {@link ServerDrain}, {@link AvailabilityProbe}).
 */
final class ClusterImpl implements Cluster {
    private final DatabaseRoute route;
    private final RequestExecutor executor;
    private final AgencyJobWait jobWait;
    private final ServerDrain drain;
    private final AvailabilityProbe availability;
    // The calls without arguments are the same every time: built once, request and route included.
    private final Call<String> serverId;
    private final Call<ServerRole> serverRole;
    private final Call<ServerMode> serverMode;
    private final Call<ClusterHealth> health;
    private final Call<ServerCount> serverCount;
    private final Call<List<String>> endpoints;
    private final Call<ClusterImbalance> imbalance;
    private final Call<ShardDistribution> shardDistribution;
    private final Call<DbServerResults<VpackSortStatus>> vpackSortStatus;
    private final Call<DbServerResults<VpackSortResult>> vpackSortCheck;
    private final Call<DbServerResults<VpackSortResult>> vpackSortMigrate;

    ClusterImpl(DatabaseRoute route, RequestExecutor executor, Polling polling) {
        this.route = route;
        this.executor = executor;
        this.jobWait = new AgencyJobWait(this, polling);
        this.drain = new ServerDrain(this, polling, jobWait);
        this.availability = new AvailabilityProbe(executor);
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
                reader(body -> ShardResults.imbalance(Json.object(body, "result"))));
        shardDistribution = prepared(request(GET, "/_admin/cluster/shardDistribution", "cluster.shardDistribution"),
                reader(ShardResults::shardDistribution));
        vpackSortStatus = prepared(request(GET, "/_admin/cluster/vpackSortMigration/status",
                "cluster.vpackSortMigrationStatus"),
                reader(body -> ShardResults.perDbServer(body, ShardResults::vpackSortStatus)));
        vpackSortCheck = prepared(request(GET, "/_admin/cluster/vpackSortMigration/check",
                "cluster.vpackSortMigrationCheck"),
                reader(body -> ShardResults.perDbServer(body, ShardResults::vpackSortResult)));
        // Writes the same marker each time: safe to retry.
        vpackSortMigrate = prepared(request(PUT, "/_admin/cluster/vpackSortMigration/migrate",
                "cluster.migrateVpackSorting").idempotent(true),
                reader(body -> ShardResults.perDbServer(body, ShardResults::vpackSortResult)));
    }

    private <T> Call<T> prepared(ArangoRequest.Builder builder, Call.Reader<T> reader) {
        ArangoRequest request = builder.build();
        // A route whose token changes (JWT) builds each request with the token of the moment.
        return route.isStatic() ? new Call<>(request, reader, route.toHttp(request)) : new Call<>(request, reader);
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
        Long timeoutSeconds = checkMaintenanceTimeout(mode, timeout);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", mode.value());
        if (timeoutSeconds != null) {
            body.put("timeout", timeoutSeconds);
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
                body -> ShardResults.plan(Json.object(body, "result")));
    }

    @Override
    public CompletableFuture<RebalancePlan> rebalance(RebalanceOptions options) {
        Objects.requireNonNull(options, "options");
        return send(request(PUT, "/_admin/cluster/rebalance", "cluster.rebalance")
                .body(Json.write(options.asMap())).idempotent(false),
                body -> ShardResults.plan(Json.object(body, "result")));
    }

    @Override
    public CompletableFuture<Void> executeRebalancePlan(List<RebalanceMove> moves) {
        checkMoves(moves);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", RebalanceOptions.VERSION);
        body.put("moves", moves.stream().map(ShardResults::moveBody).toList());
        return send(request(POST, "/_admin/cluster/rebalance/execute", "cluster.executeRebalancePlan")
                .body(Json.write(body)), null);
    }

    @Override
    public CompletableFuture<String> moveShard(String database, String collection, String shard, String fromServer,
            String toServer, boolean remainsFollower) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("database", DatabaseNames.validate(database));
        body.put("collection", checkCollection(collection));
        body.put("shard", checkName("Shard id", shard, "pass the shard's id, e.g. s10153 from databaseInventory(database)"));
        body.put("fromServer", checkServer("fromServer", fromServer));
        body.put("toServer", checkServer("toServer", toServer));
        body.put("remainsFollower", remainsFollower);
        checkDistinctServers(fromServer, toServer);
        return send(request(POST, "/_admin/cluster/moveShard", "cluster.moveShard").body(Json.write(body)),
                ClusterResults::jobId);
    }

    @Override
    public CompletableFuture<String> cleanOutServer(String serverId) {
        return serverJob("cleanOutServer", serverId);
    }

    /** Starts an agency job about one server ({@code {"server": id}}); returns its id. */
    private CompletableFuture<String> serverJob(String job, String serverId) {
        return send(request(POST, "/_admin/cluster/" + job, "cluster." + job)
                .body(Json.write(Map.of("server", checkServerId(serverId)))), ClusterResults::jobId);
    }

    @Override
    public CompletableFuture<Boolean> isCleanedOut(String serverId) {
        checkServerId(serverId);
        // A call of its own rather than serverCount().thenApply(...): cancelling it cancels the request.
        return send(request(GET, "/_admin/cluster/numberOfServers", "cluster.isCleanedOut"),
                body -> ClusterResults.serverCount(body).cleanedServers().contains(serverId));
    }

    @Override
    public CompletableFuture<String> resignLeadership(String serverId) {
        return serverJob("resignLeadership", serverId);
    }

    @Override
    public CompletableFuture<Void> removeServer(String serverId) {
        // The id as a bare JSON string, as the official Go driver sends it; success is 200 with an empty body.
        return send(request(POST, "/_admin/cluster/removeServer", "cluster.removeServer")
                .body(Json.write(checkServerId(serverId))), null);
    }

    @Override
    public CompletableFuture<AgencyJob> job(String jobId) {
        return send(request(GET, "/_admin/cluster/queryAgencyJob", "cluster.job")
                .queryParam("id", checkJobId(jobId)), body -> ClusterResults.agencyJob(body, jobId));
    }

    @Override
    public CompletableFuture<Void> cancelJob(String jobId) {
        return send(request(POST, "/_admin/cluster/cancelAgencyJob", "cluster.cancelJob")
                .body(Json.write(Map.of("id", checkJobId(jobId)))), null);
    }

    @Override
    public CompletableFuture<AgencyJob> awaitJob(String jobId, Duration timeout) {
        return jobWait.await(jobId, timeout);
    }

    @Override
    public CompletableFuture<AgencyJob> drainServer(String serverId, Duration timeout) {
        return drain.drain(serverId, timeout);
    }

    @Override
    public CompletableFuture<DatabaseInventory> databaseInventory(String database) {
        return send(route.forDatabase(database), request(GET, "/_api/replication/clusterInventory",
                "cluster.databaseInventory"), reader(ShardResults::inventory));
    }

    @Override
    public CompletableFuture<ShardDistribution> shardDistribution() {
        return executor.execute(route, shardDistribution);
    }

    @Override
    public CompletableFuture<CollectionShardDistribution> collectionShardDistribution(String collection) {
        checkCollection(collection);
        return send(request(GET, "/_admin/cluster/collectionShardDistribution", "cluster.collectionShardDistribution")
                .queryParam("collection", collection), body -> ShardResults.collectionShards(body, collection));
    }

    @Override
    public CompletableFuture<ServerStatistics> clusterStatistics(String dbServerId) {
        return send(request(GET, "/_admin/cluster/statistics", "cluster.clusterStatistics")
                .queryParam("DBserver", checkServerId(dbServerId)), ClusterResults::serverStatistics);
    }

    @Override
    public CompletableFuture<DbServerResults<VpackSortStatus>> vpackSortMigrationStatus() {
        return executor.execute(route, vpackSortStatus);
    }

    @Override
    public CompletableFuture<DbServerResults<VpackSortResult>> vpackSortMigrationCheck() {
        return executor.execute(route, vpackSortCheck);
    }

    @Override
    public CompletableFuture<DbServerResults<VpackSortResult>> migrateVpackSorting() {
        return executor.execute(route, vpackSortMigrate);
    }

    @Override
    public CompletableFuture<Map<String, CoordinatorAvailability>> availability() {
        return availability.all();
    }

    @Override
    public CompletableFuture<CoordinatorAvailability> availability(String host) {
        return availability.of(host);
    }

    @Override
    public CompletableFuture<Map<String, String>> logLevels(String serverId) {
        return send(request(GET, "/_admin/log/level", "cluster.logLevels").queryParam("serverId",
                checkServerId(serverId)), ClusterResults::logLevels);
    }

    @Override
    public CompletableFuture<Map<String, String>> setLogLevels(String serverId, Map<String, String> levels) {
        checkServerId(serverId);
        // Setting the same levels twice has the same effect as once: safe to retry.
        return send(request(PUT, "/_admin/log/level", "cluster.setLogLevels").queryParam("serverId", serverId)
                .body(Json.write(checkLevels(levels))).idempotent(true), ClusterResults::logLevels);
    }

    @Override
    public CompletableFuture<String> metrics(String serverId) {
        return send(route, request(GET, "/_admin/metrics/v2", "cluster.metrics")
                .queryParam("serverId", checkServerId(serverId)).header("accept", "text/plain"),
                TransportResponse::bodyAsString);
    }

    private static ArangoRequest.Builder request(HttpMethod method, String path, String operation) {
        return ArangoRequest.builder(method, path).operation(operation);
    }

    /**
     * @param reader reads the answer's JSON object; {@code null} for calls that return nothing, which then
     *               accept any 2xx answer
     */
    private <T> CompletableFuture<T> send(ArangoRequest.Builder request, Function<JsonNode, T> reader) {
        return send(route, request, reader(reader));
    }

    private <T> CompletableFuture<T> send(DatabaseRoute on, ArangoRequest.Builder request, Call.Reader<T> reader) {
        return executor.execute(on, new Call<>(request.build(), reader));
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
}
