package io.aioarango.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster administration API. Every call is sent to one coordinator, chosen by the client's
 * {@link HostResolver}, and returns at once; the future completes with the typed result, or fails with
 * an {@link ArangoException}. Arguments are checked before anything is sent: a bad one is thrown at once
 * by the call itself, as {@link IllegalArgumentException} (or {@link NullPointerException} for a
 * {@code null} enum or options argument), and no future is returned.
 *
 * <p>The operations the cluster runs as agency jobs (shard moves, clean-out, leadership, removal, and
 * following a job) are declared in {@link ClusterJobs}, which this extends.
 */
public interface Cluster extends ClusterJobs {

    /**
     * The id of the coordinator that answers ({@code GET /_admin/server/id}).
     *
     * @return a future of the id, e.g. {@code CRDN-rxtu5pku}
     */
    CompletableFuture<String> serverId();

    /**
     * The role of the coordinator that answers ({@code GET /_admin/server/role}).
     *
     * @return a future of the role, {@link ServerRole#COORDINATOR} in a cluster
     */
    CompletableFuture<ServerRole> serverRole();

    /**
     * Whether the coordinator that answers accepts writes ({@code GET /_admin/server/mode}).
     *
     * @return a future of {@link ServerMode#DEFAULT} when it accepts writes, {@link ServerMode#READONLY}
     *         when not
     */
    CompletableFuture<ServerMode> serverMode();

    /**
     * The health of every server of the cluster ({@code GET /_admin/cluster/health}).
     *
     * @return a future of the health of each server
     */
    CompletableFuture<ClusterHealth> health();

    /**
     * The target numbers of servers ({@code GET /_admin/cluster/numberOfServers}).
     *
     * @return a future of the target numbers
     */
    CompletableFuture<ServerCount> serverCount();

    /**
     * The version of any server of the cluster ({@code GET /_admin/cluster/nodeVersion?ServerID=}).
     *
     * @param serverId the server's id, e.g. {@code PRMR-wbsq47rz} from {@link ClusterHealth#servers()}
     * @return a future of the server's version
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<ServerVersion> serverVersion(String serverId);

    /**
     * The storage engine of any server ({@code GET /_admin/cluster/nodeEngine?ServerID=}).
     *
     * @param serverId the server's id, e.g. {@code PRMR-wbsq47rz} from {@link ClusterHealth#servers()}
     * @return a future of the server's storage engine
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<ServerEngine> serverEngine(String serverId);

    /**
     * The statistics of any server ({@code GET /_admin/cluster/nodeStatistics?ServerID=}).
     *
     * @param serverId the server's id, e.g. {@code PRMR-wbsq47rz} from {@link ClusterHealth#servers()}
     * @return a future of the server's statistics
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<ServerStatistics> serverStatistics(String serverId);

    /**
     * Pauses or resumes the cluster supervision ({@code PUT /_admin/cluster/maintenance}).
     *
     * @param mode {@code "on"} or {@code "off"}, in any case
     * @return a future of the server's {@code warning}, e.g. "Cluster supervision deactivated. …"
     * @throws IllegalArgumentException if {@code mode} is neither {@code "on"} nor {@code "off"}
     */
    CompletableFuture<String> toggleMaintenanceMode(String mode);

    /**
     * As {@link #toggleMaintenanceMode(String)}.
     *
     * @param mode {@link MaintenanceMode#ON} to pause the supervision, {@link MaintenanceMode#OFF} to resume it
     * @return a future of the server's {@code warning}
     * @throws NullPointerException if {@code mode} is {@code null}
     */
    CompletableFuture<String> toggleMaintenanceMode(MaintenanceMode mode);

    /**
     * The maintenance state of one DB-Server ({@code GET /_admin/cluster/maintenance/{id}}).
     *
     * @param serverId the DB-Server's id, e.g. {@code PRMR-wbsq47rz}
     * @return a future of the state; empty when the server is not in maintenance
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<Optional<ServerMaintenance>> serverMaintenanceMode(String serverId);

    /**
     * Puts one DB-Server into maintenance or back to normal ({@code PUT /_admin/cluster/maintenance/{id}}).
     *
     * @param serverId the DB-Server's id, e.g. {@code PRMR-wbsq47rz}
     * @param mode     the mode to set
     * @param timeout  how long the maintenance lasts, in whole seconds of at least 1; {@code null} for the
     *                 server's default (one hour). Must be {@code null} with {@link ServerMaintenanceMode#NORMAL}.
     * @return a future that completes (with {@code null}) once the server accepted the change
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..},
     *             or {@code timeout} is not {@code null} and not whole seconds of at least 1, or is given with
     *             {@link ServerMaintenanceMode#NORMAL}
     * @throws NullPointerException if {@code mode} is {@code null}
     */
    CompletableFuture<Void> toggleServerMaintenanceMode(String serverId, ServerMaintenanceMode mode, Duration timeout);

    /**
     * As {@link #toggleServerMaintenanceMode(String, ServerMaintenanceMode, Duration)} with the server's
     * default timeout.
     *
     * @param serverId the DB-Server's id, e.g. {@code PRMR-wbsq47rz}
     * @param mode     the mode to set
     * @return a future that completes (with {@code null}) once the server accepted the change
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     * @throws NullPointerException if {@code mode} is {@code null}
     */
    default CompletableFuture<Void> toggleServerMaintenanceMode(String serverId, ServerMaintenanceMode mode) {
        return toggleServerMaintenanceMode(serverId, mode, null);
    }

    /**
     * As {@link #toggleServerMaintenanceMode(String, ServerMaintenanceMode, Duration)}, with the mode
     * spelled {@code "maintenance"} or {@code "normal"} in any case.
     *
     * @param serverId the DB-Server's id, e.g. {@code PRMR-wbsq47rz}
     * @param mode     {@code "maintenance"} or {@code "normal"}, in any case
     * @param timeout  how long the maintenance lasts, in whole seconds of at least 1; {@code null} for the
     *                 server's default (one hour). Must be {@code null} with {@code "normal"}.
     * @return a future that completes (with {@code null}) once the server accepted the change
     * @throws IllegalArgumentException if {@code mode} is neither {@code "maintenance"} nor {@code "normal"},
     *             or for the reasons of {@link #toggleServerMaintenanceMode(String, ServerMaintenanceMode, Duration)}
     */
    CompletableFuture<Void> toggleServerMaintenanceMode(String serverId, String mode, Duration timeout);

    /**
     * The endpoints of every coordinator ({@code GET /_api/cluster/endpoints}).
     *
     * @return a future of the endpoints as the server lists them, e.g. {@code tcp://[::1]:8530}
     */
    CompletableFuture<List<String>> endpoints();

    /**
     * The current shard imbalance ({@code GET /_admin/cluster/rebalance}).
     *
     * @return a future of the imbalance, with the shard moves running and waiting
     */
    CompletableFuture<ClusterImbalance> calculateImbalance();

    /**
     * Computes a rebalance plan without running it ({@code POST /_admin/cluster/rebalance}).
     *
     * @param options the options of the computation
     * @return a future of the plan; pass its {@link RebalancePlan#moves()} to
     *         {@link #executeRebalancePlan(List)} to run it
     * @throws NullPointerException if {@code options} is {@code null}
     */
    CompletableFuture<RebalancePlan> calculateRebalancePlan(RebalanceOptions options);

    /**
     * As {@link #calculateRebalancePlan(RebalanceOptions)} with the server's defaults.
     *
     * @return a future of the plan
     */
    default CompletableFuture<RebalancePlan> calculateRebalancePlan() {
        return calculateRebalancePlan(RebalanceOptions.defaults());
    }

    /**
     * Computes a rebalance plan and starts it at once ({@code PUT /_admin/cluster/rebalance}). Not
     * idempotent: once it may have reached a coordinator (a broken connection, a timeout) it is not sent to
     * another.
     *
     * @param options the options of the computation
     * @return a future of the plan the server started
     * @throws NullPointerException if {@code options} is {@code null}
     */
    CompletableFuture<RebalancePlan> rebalance(RebalanceOptions options);

    /**
     * As {@link #rebalance(RebalanceOptions)} with the server's defaults.
     *
     * @return a future of the plan started
     */
    default CompletableFuture<RebalancePlan> rebalance() {
        return rebalance(RebalanceOptions.defaults());
    }

    /**
     * Runs the moves of a plan ({@code POST /_admin/cluster/rebalance/execute}).
     *
     * @param moves the moves to run, usually {@link RebalancePlan#moves()} of
     *              {@link #calculateRebalancePlan(RebalanceOptions)}; each is sent with its
     *              {@link RebalanceMove#extra()} fields
     * @return a future that completes (with {@code null}) once the server accepted the moves
     * @throws IllegalArgumentException if {@code moves} is {@code null} or holds {@code null}
     */
    CompletableFuture<Void> executeRebalancePlan(List<RebalanceMove> moves);

    /**
     * The collections of a database with their shards and the servers holding them ({@code GET
     * /_db/{database}/_api/replication/clusterInventory}), sent with this database's credentials.
     *
     * @param database the database's name, e.g. {@code _system}
     * @return a future of the inventory
     * @throws IllegalArgumentException if {@code database} is not a valid database name
     */
    CompletableFuture<DatabaseInventory> databaseInventory(String database);

    /**
     * Where the shards of every collection of this database should be and are ({@code GET
     * /_admin/cluster/shardDistribution}).
     *
     * @return a future of each collection's shards
     */
    CompletableFuture<ShardDistribution> shardDistribution();

    /**
     * Where the shards of one collection of this database should be and are, with the progress of followers
     * that are not in sync ({@code GET /_admin/cluster/collectionShardDistribution?collection=}).
     *
     * @param collection the collection's name, e.g. {@code orders}
     * @return a future of the collection's shards
     * @throws IllegalArgumentException if {@code collection} is {@code null} or blank
     */
    CompletableFuture<CollectionShardDistribution> collectionShardDistribution(String collection);

    /**
     * The statistics of one DB-Server, passed on by the coordinator ({@code GET
     * /_admin/cluster/statistics?DBserver=}). Deprecated by ArangoDB in 3.12 and gone in 4.0;
     * {@link #serverStatistics(String)} serves any server.
     *
     * @param dbServerId the DB-Server's id, e.g. {@code PRMR-wbsq47rz}
     * @return a future of the server's statistics
     * @throws IllegalArgumentException if {@code dbServerId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<ServerStatistics> clusterStatistics(String dbServerId);

    /**
     * How each DB-Server sorts index keys ({@code GET /_admin/cluster/vpackSortMigration/status}, 3.11.11 and
     * 3.12.2 and later).
     *
     * @return a future of each DB-Server's sort order
     */
    CompletableFuture<DbServerResults<VpackSortStatus>> vpackSortMigrationStatus();

    /**
     * Looks for index keys sorted the legacy way on each DB-Server ({@code GET
     * /_admin/cluster/vpackSortMigration/check}). This reads every index and can take long on large data:
     * the client's request timeout applies.
     *
     * @return a future of each DB-Server's finding
     */
    CompletableFuture<DbServerResults<VpackSortResult>> vpackSortMigrationCheck();

    /**
     * Switches each DB-Server to the correct sort order from its next restart on ({@code PUT
     * /_admin/cluster/vpackSortMigration/migrate}).
     *
     * @return a future of each DB-Server's outcome
     */
    CompletableFuture<DbServerResults<VpackSortResult>> migrateVpackSorting();

    /**
     * Whether each of the client's coordinators can serve requests: {@code GET /_admin/server/availability}
     * sent to every coordinator at once, without credentials and outside any database. Each check goes to
     * its coordinator alone (no failover, no redirect), and its outcome feeds the client's host health as any
     * request's does (a refused connection marks the coordinator down, an answer brings it back).
     *
     * @return a future of each coordinator's availability by URL, in the client's order; an unavailable
     *         coordinator is a result, not a failure
     */
    CompletableFuture<Map<String, CoordinatorAvailability>> availability();

    /**
     * Whether one coordinator can serve requests, as {@link #availability()} checks it: a readiness probe of
     * that host.
     *
     * @param host the coordinator's URL, one of {@code ArangoClient.hosts()}, in any spelling the builder
     *             accepts (e.g. {@code tcp://db1:8529})
     * @return a future of its availability; a coordinator that is down is a result, not a failure
     * @throws IllegalArgumentException if {@code host} is {@code null}, blank, not a URL or not one of the
     *             client's coordinators
     */
    CompletableFuture<CoordinatorAvailability> availability(String host);

    /**
     * The log level of each topic of one server ({@code GET /_admin/log/level?serverId=}).
     *
     * @param serverId the server's id, e.g. {@code PRMR-wbsq47rz} or {@code CRDN-rxtu5pku}
     * @return a future of each topic's level by topic, e.g. {@code queries=INFO}, in the order sent
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<Map<String, String>> logLevels(String serverId);

    /**
     * Sets log levels of one server ({@code PUT /_admin/log/level?serverId=} with {@code {topic: level}}).
     *
     * @param serverId the server's id, e.g. {@code PRMR-wbsq47rz}
     * @param levels   the level by topic, e.g. {@code queries=DEBUG}; the topic {@code all} sets every topic.
     *                 A level is {@code FATAL}, {@code ERROR}, {@code WARNING}, {@code INFO}, {@code DEBUG},
     *                 {@code TRACE} or {@code DEFAULT}, in any case; it is sent upper-case
     * @return a future of every topic's level after the change
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..},
     *             {@code levels} is {@code null} or empty, or holds a blank topic or a level not listed above
     */
    CompletableFuture<Map<String, String>> setLogLevels(String serverId, Map<String, String> levels);

    /**
     * The metrics of one server in Prometheus' text format ({@code GET /_admin/metrics/v2?serverId=}, sent
     * with {@code Accept: text/plain}).
     *
     * @param serverId the server's id, e.g. {@code PRMR-wbsq47rz} or {@code CRDN-rxtu5pku}
     * @return a future of the text as the server sent it, e.g. {@code # HELP arangodb_...}
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<String> metrics(String serverId);
}
