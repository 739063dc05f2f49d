package io.aioarango.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster administration API. Every call is sent to one coordinator, chosen by the client's
 * {@link HostResolver}, and returns at once; the future completes with the typed result, or fails with
 * an {@link ArangoException}. Arguments are checked before anything is sent: a bad one fails at once
 * with {@link IllegalArgumentException}.
 */
public interface Cluster {

    /** The id of the coordinator that answers ({@code GET /_admin/server/id}). */
    CompletableFuture<String> serverId();

    /** The role of the coordinator that answers ({@code GET /_admin/server/role}). */
    CompletableFuture<ServerRole> serverRole();

    /** Whether the coordinator that answers accepts writes ({@code GET /_admin/server/mode}). */
    CompletableFuture<ServerMode> serverMode();

    /** The health of every server of the cluster ({@code GET /_admin/cluster/health}). */
    CompletableFuture<ClusterHealth> health();

    /** The target numbers of servers ({@code GET /_admin/cluster/numberOfServers}). */
    CompletableFuture<ServerCount> serverCount();

    /** The version of any server of the cluster ({@code GET /_admin/cluster/nodeVersion?ServerID=}). */
    CompletableFuture<ServerVersion> serverVersion(String serverId);

    /** The storage engine of any server ({@code GET /_admin/cluster/nodeEngine?ServerID=}). */
    CompletableFuture<ServerEngine> serverEngine(String serverId);

    /** The statistics of any server ({@code GET /_admin/cluster/nodeStatistics?ServerID=}). */
    CompletableFuture<ServerStatistics> serverStatistics(String serverId);

    /**
     * Pauses or resumes the cluster supervision ({@code PUT /_admin/cluster/maintenance}).
     *
     * @param mode {@code "on"} or {@code "off"}, in any case
     * @return the server's {@code warning}, e.g. "Cluster supervision deactivated. …"
     */
    CompletableFuture<String> toggleMaintenanceMode(String mode);

    /** As {@link #toggleMaintenanceMode(String)}. */
    CompletableFuture<String> toggleMaintenanceMode(MaintenanceMode mode);

    /**
     * The maintenance state of one DB-Server ({@code GET /_admin/cluster/maintenance/{id}}); empty when it
     * is not in maintenance.
     */
    CompletableFuture<Optional<ServerMaintenance>> serverMaintenanceMode(String serverId);

    /**
     * Puts one DB-Server into maintenance or back to normal ({@code PUT /_admin/cluster/maintenance/{id}}).
     *
     * @param timeout how long the maintenance lasts, in whole seconds of at least 1; {@code null} for the
     *                server's default (one hour). Not sent with {@link ServerMaintenanceMode#NORMAL}.
     */
    CompletableFuture<Void> toggleServerMaintenanceMode(String serverId, ServerMaintenanceMode mode, Duration timeout);

    /** As {@link #toggleServerMaintenanceMode(String, ServerMaintenanceMode, Duration)} with the server's default timeout. */
    default CompletableFuture<Void> toggleServerMaintenanceMode(String serverId, ServerMaintenanceMode mode) {
        return toggleServerMaintenanceMode(serverId, mode, null);
    }

    /** As above, with the mode spelled {@code "maintenance"} or {@code "normal"} in any case. */
    CompletableFuture<Void> toggleServerMaintenanceMode(String serverId, String mode, Duration timeout);

    /** The endpoints of every coordinator, e.g. {@code tcp://[::1]:8530} ({@code GET /_api/cluster/endpoints}). */
    CompletableFuture<List<String>> endpoints();

    /** The current shard imbalance ({@code GET /_admin/cluster/rebalance}). */
    CompletableFuture<ClusterImbalance> calculateImbalance();

    /** Computes a rebalance plan without running it ({@code POST /_admin/cluster/rebalance}). */
    CompletableFuture<RebalancePlan> calculateRebalancePlan(RebalanceOptions options);

    /** As {@link #calculateRebalancePlan(RebalanceOptions)} with the server's defaults. */
    default CompletableFuture<RebalancePlan> calculateRebalancePlan() {
        return calculateRebalancePlan(RebalanceOptions.defaults());
    }

    /** Computes a rebalance plan and starts it at once ({@code PUT /_admin/cluster/rebalance}). */
    CompletableFuture<RebalancePlan> rebalance(RebalanceOptions options);

    /** As {@link #rebalance(RebalanceOptions)} with the server's defaults. */
    default CompletableFuture<RebalancePlan> rebalance() {
        return rebalance(RebalanceOptions.defaults());
    }

    /** Runs the moves of a plan ({@code POST /_admin/cluster/rebalance/execute}). */
    CompletableFuture<Void> executeRebalancePlan(List<RebalanceMove> moves);
}
