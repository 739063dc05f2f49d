package io.aioarango.core.internal;

import static io.aioarango.api.HttpMethod.GET;
import static io.aioarango.api.HttpMethod.POST;
import static io.aioarango.api.HttpMethod.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import io.aioarango.api.AgencyJob;
import io.aioarango.api.AgencyJobFailedException;
import io.aioarango.api.AgencyJobStatus;
import io.aioarango.api.AgencyJobTimeoutException;
import io.aioarango.api.ArangoException;
import io.aioarango.api.ArangoRequest;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Cluster;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ClusterImbalance;
import io.aioarango.api.CollectionShardDistribution;
import io.aioarango.api.CoordinatorAvailability;
import io.aioarango.api.DatabaseInventory;
import io.aioarango.api.DbServerResults;
import io.aioarango.api.Host;
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
import io.aioarango.transport.spi.TransportRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The cluster API: each call checks its arguments, then describes its request and how to read the
 * answer. Routing, failover and error handling are the executor's.
 */
final class ClusterImpl implements Cluster {
    /** The levels {@code PUT /_admin/log/level} accepts, as sent. */
    private static final Set<String> LOG_LEVELS = Set.of("FATAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE",
            "DEFAULT");
    private static final ArangoRequest AVAILABILITY = request(GET, "/_admin/server/availability",
            "cluster.availability").build();
    private static final TransportRequest AVAILABILITY_HTTP = DatabaseRoute.open(AVAILABILITY);
    private static final Duration LONGEST_WAIT = Duration.ofDays(36_500);

    private final DatabaseRoute route;
    private final RequestExecutor executor;
    private final Polling polling;
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
        this.polling = polling;
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
        if (moves == null || moves.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("moves must be a list of RebalanceMove without nulls, e.g. the moves "
                    + "of calculateRebalancePlan(); got " + moves);
        }
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
        body.put("collection", checkName("Collection name", collection, "pass the collection's name, e.g. orders"));
        body.put("shard", checkName("Shard id", shard, "pass the shard's id, e.g. s10153 from databaseInventory(database)"));
        body.put("fromServer", checkServer("fromServer", fromServer));
        body.put("toServer", checkServer("toServer", toServer));
        body.put("remainsFollower", remainsFollower);
        if (fromServer.equals(toServer)) {
            throw new IllegalArgumentException("fromServer and toServer are both '" + fromServer
                    + "'; pass the DB-Server that holds the shard and another one to move it to");
        }
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
        checkJobId(jobId);
        return awaitJob(jobId, timeout, deadline(timeout));
    }

    private CompletableFuture<AgencyJob> awaitJob(String jobId, Duration timeout, long deadline) {
        return polling.until(() -> job(jobId), ClusterImpl::ended, deadline,
                (last, failure) -> new AgencyJobTimeoutException(jobId, timeout, last, failure));
    }

    /** Whether a job has ended well; a failed job ends the wait with its reason. */
    private static boolean ended(AgencyJob job) {
        if (job.status() == AgencyJobStatus.FAILED) {
            throw new AgencyJobFailedException(job);
        }
        return job.status() == AgencyJobStatus.FINISHED;
    }

    @Override
    public CompletableFuture<AgencyJob> drainServer(String serverId, Duration timeout) {
        checkServerId(serverId);
        long deadline = deadline(timeout);
        CompletableFuture<AgencyJob> drain = new CompletableFuture<>();
        AtomicReference<CompletableFuture<?>> step = new AtomicReference<>();
        drain.whenComplete((job, failure) -> { // cancelled or ended: nothing of it goes on
            CompletableFuture<?> current = step.get();
            if (current != null) {
                current.cancel(false);
            }
        });
        step(drain, step, cleanOutServer(serverId))
                .thenCompose(jobId -> step(drain, step, awaitJob(jobId, timeout, deadline)))
                .thenCompose(job -> {
                    // The job names the server by its id, also when it was given by its short name.
                    String cleaned = job.server() != null ? job.server() : serverId;
                    return step(drain, step, polling.until(() -> isCleanedOut(cleaned), Boolean::booleanValue,
                            deadline, (last, failure) -> new AgencyJobTimeoutException(job.id(), timeout, job,
                                    failure))).thenApply(listed -> job);
                })
                .whenComplete((job, failure) -> {
                    if (failure != null) {
                        drain.completeExceptionally(Polling.unwrap(failure));
                    } else {
                        drain.complete(job);
                    }
                });
        return drain;
    }

    /** Makes {@code next} the step of {@code whole} in progress, which ends with it. */
    private static <T> CompletableFuture<T> step(CompletableFuture<?> whole, AtomicReference<CompletableFuture<?>> step,
            CompletableFuture<T> next) {
        step.set(next);
        if (whole.isDone()) {
            next.cancel(false);
        }
        return next;
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
        checkName("Collection name", collection, "pass the collection's name, e.g. orders");
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
        List<Host> hosts = executor.hosts();
        if (hosts.isEmpty()) {
            return CompletableFuture.failedFuture(RequestExecutor.closedError()); // a client has none once closed
        }
        List<CompletableFuture<CoordinatorAvailability>> checks = hosts.stream().map(this::probe).toList();
        CompletableFuture<Map<String, CoordinatorAvailability>> all = CompletableFuture
                .allOf(checks.toArray(CompletableFuture<?>[]::new))
                .thenApply(done -> {
                    Map<String, CoordinatorAvailability> byHost = new LinkedHashMap<>();
                    checks.forEach(check -> byHost.put(check.join().host(), check.join()));
                    return byHost;
                });
        all.whenComplete((done, failure) -> checks.forEach(check -> check.cancel(false)));
        return all;
    }

    @Override
    public CompletableFuture<CoordinatorAvailability> availability(String host) {
        checkName("Host", host, "pass one of ArangoClient.hosts(), e.g. http://db1:8529");
        Host parsed = HostParser.parseOne(host, 0, 1);
        List<Host> hosts = executor.hosts();
        if (!hosts.contains(parsed)) {
            throw new IllegalArgumentException("Host '" + host + "' is not one of the client's coordinators "
                    + hosts.stream().map(Host::url).toList() + "; pass one of ArangoClient.hosts()");
        }
        return probe(parsed);
    }

    /** One coordinator's availability: an answer of its own, never failed over; being down is a result. */
    private CompletableFuture<CoordinatorAvailability> probe(Host host) {
        CompletableFuture<CoordinatorAvailability> check = executor.executeOn(host, new Call<>(AVAILABILITY,
                response -> ClusterResults.availability(host.url(), Json.readObject(response)), AVAILABILITY_HTTP));
        CompletableFuture<CoordinatorAvailability> result = new CompletableFuture<>();
        check.whenComplete((available, failed) -> {
            try {
                Throwable failure = Polling.unwrap(failed);
                if (failure == null) {
                    result.complete(available);
                } else if (failure instanceof ArangoException unavailable) {
                    result.complete(new CoordinatorAvailability(host.url(), false, null, unavailable, Map.of()));
                } else {
                    result.completeExceptionally(failure); // closed, cancelled
                }
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((available, failure) -> check.cancel(false)); // a cancel reaches the request
        return result;
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

    private static String checkServerId(String serverId) {
        return checkServer("Server id", serverId);
    }

    /** @param what how the caller names the argument, e.g. {@code fromServer} */
    private static String checkServer(String what, String serverId) {
        if (serverId != null && (serverId.equals(".") || serverId.equals(".."))) {
            throw new IllegalArgumentException(what + " '" + serverId
                    + "' is a path segment, not a server id; pass e.g. PRMR-1234 from health().servers()");
        }
        return checkName(what, serverId, "pass the id of a server, e.g. PRMR-1234 from health().servers()");
    }

    private static String checkJobId(String jobId) {
        return checkName("Job id", jobId, "pass the id that moveShard, cleanOutServer or resignLeadership returned, "
                + "e.g. 12345678");
    }

    /** A name or id that must be neither null nor blank; {@code hint} says what to pass. */
    private static String checkName(String what, String value, String hint) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null; " + hint);
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " '" + value + "' is blank; " + hint);
        }
        return value;
    }

    /**
     * The {@link System#nanoTime()} at which a wait of {@code timeout} from now ends; a timeout beyond a
     * century (which nanoseconds cannot hold for long) waits a century.
     */
    private static long deadline(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Timeout " + timeout
                    + " is not accepted; use a positive duration, e.g. Duration.ofMinutes(30)");
        }
        return System.nanoTime() + (timeout.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : timeout).toNanos();
    }

    /** The levels as sent: every topic named, every level one the server accepts, upper-case, in order. */
    private static Map<String, String> checkLevels(Map<String, String> levels) {
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("Log levels " + levels + " are not accepted; pass at least one "
                    + "topic's level, e.g. Map.of(\"queries\", \"DEBUG\")");
        }
        Map<String, String> body = new LinkedHashMap<>();
        levels.forEach((topic, level) -> {
            checkName("Log topic", topic, "name a topic such as queries, or all for every topic");
            String upper = level == null ? null : level.trim().toUpperCase(Locale.ROOT);
            if (upper == null || !LOG_LEVELS.contains(upper)) {
                throw new IllegalArgumentException("Log level '" + level + "' of topic '" + topic + "' is not "
                        + "accepted; use FATAL, ERROR, WARNING, INFO, DEBUG, TRACE or DEFAULT (any case)");
            }
            body.put(topic, upper);
        });
        return body;
    }
}
