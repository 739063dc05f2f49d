package io.aioarango.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster administration API. Every call is sent to one coordinator, chosen by the client's
 * {@link HostResolver}, and returns at once; the future completes with the typed result, or fails with
 * an {@link ArangoException}. Arguments are checked before anything is sent: a bad one is thrown at once
 * by the call itself, as {@link IllegalArgumentException} (or {@link NullPointerException} for a
 * {@code null} enum or options argument), and no future is returned.
 */
public interface Cluster {

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
}
