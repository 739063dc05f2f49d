package io.aioarango.testkit;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An ArangoDB cluster in your test's JVM: coordinators that answer HTTP/1.1 on 127.0.0.1, each on a port
 * the operating system chose, with distinct server ids, plus DB-Servers and agents that exist in what
 * the coordinators report (health, server ids, per-server version, engine and statistics).
 *
 * <pre>{@code
 * try (FakeCluster cluster = FakeCluster.start(3)) {
 *     List<String> hosts = cluster.hosts();          // http://127.0.0.1:<port>, one per coordinator
 *     cluster.coordinator(0).stop();                 // connections to it are refused from now on
 *     cluster.coordinator(1).freeze();               // connections accepted, nothing answered: a paused process
 *     cluster.coordinator(2).blackhole();            // connects time out: a host that vanished
 *     cluster.reset();                               // all three answer again
 * }
 * }</pre>
 *
 * <p>Every coordinator answers the cluster administration API with bodies shaped like the ones ArangoDB
 * 3.12 sends (see {@link FakeCoordinator} for the list), remembers the maintenance mode it is switched
 * to, checks HTTP basic authentication against the configured users, and logs every request it receives.
 * Its agency jobs (shard moves, clean-outs, resignations) move the shards of the collections given to
 * {@link Builder#collection}: a job takes one step ({@code ToDo}, {@code Pending}, then {@code Finished}
 * with its effect applied, or {@code Failed}) with each request the cluster answers after the one that
 * started it; {@link #holdJobs()} and {@link #failJobs(String)} change what happens when it would finish.
 * Without {@link Builder#user}, the one user is {@code root} with password {@code passwd}.
 *
 * <p>A cluster is thread-safe. {@link #close()} stops every coordinator and the cluster's threads (two
 * daemon threads, {@code aioarango-testkit-*}), and waits for them.
 */
public final class FakeCluster implements AutoCloseable {
    private final EventLoopGroup group;
    private final ClusterState state;
    private final List<FakeCoordinator> coordinators;

    private FakeCluster(ClusterShape shape) {
        group = NioGroups.create(2, new DefaultThreadFactory("aioarango-testkit", true));
        List<FakeCoordinator> started = new ArrayList<>();
        try {
            List<String> coordinatorIds = shape.coordinatorIds();
            state = shape.newState();
            for (int i = 0; i < shape.coordinatorCount(); i++) {
                started.add(new FakeCoordinator(group, state, coordinatorIds.get(i),
                        String.format("Coordinator%04d", i + 1)));
            }
            state.coordinators(started);
        } catch (RuntimeException | Error e) {
            started.forEach(FakeCoordinator::shutdown);
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
        coordinators = List.copyOf(started);
    }

    /**
     * Starts a cluster of {@code coordinators} coordinators, three DB-Servers and three agents, with the
     * user {@code root} (password {@code passwd}) and the database {@code _system}.
     *
     * @param coordinators how many coordinators, 1 to 64
     * @return the running cluster; close it when done
     * @throws IllegalArgumentException if {@code coordinators} is out of range
     */
    public static FakeCluster start(int coordinators) {
        return builder().coordinators(coordinators).start();
    }

    /**
     * Returns a builder for a cluster of other shapes, users or databases.
     *
     * @return a builder with the defaults of {@link #start(int)} and three coordinators
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the coordinators' URLs, in order, as a client is given them.
     *
     * @return for example {@code [http://127.0.0.1:41235, http://127.0.0.1:39871]}
     */
    public List<String> hosts() {
        return coordinators.stream().map(FakeCoordinator::url).toList();
    }

    /**
     * Returns the coordinators' URLs as one comma-separated string.
     *
     * @return for example {@code http://127.0.0.1:41235,http://127.0.0.1:39871}
     */
    public String hostsString() {
        return String.join(",", hosts());
    }

    /**
     * Returns every coordinator, in order.
     *
     * @return an immutable list
     */
    public List<FakeCoordinator> coordinators() {
        return coordinators;
    }

    /**
     * Returns one coordinator.
     *
     * @param index its position, from 0
     * @return the coordinator
     * @throws IndexOutOfBoundsException if there is no coordinator at {@code index}
     */
    public FakeCoordinator coordinator(int index) {
        return coordinators.get(index);
    }

    /**
     * Returns the coordinator with a server id.
     *
     * @param serverId a coordinator's id, such as {@code CRDN-...}
     * @return the coordinator
     * @throws IllegalArgumentException if no coordinator has that id
     */
    public FakeCoordinator coordinator(String serverId) {
        return coordinators.stream().filter(c -> c.serverId().equals(serverId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No coordinator has the id '" + serverId
                        + "'; the coordinators are " + coordinators.stream().map(FakeCoordinator::serverId).toList()));
    }

    /**
     * Returns the DB-Servers' ids, as the coordinators report them.
     *
     * @return ids such as {@code PRMR-...}
     */
    public List<String> dbServerIds() {
        return state.dbServers();
    }

    /**
     * Returns the agents' ids, as the coordinators report them.
     *
     * @return ids such as {@code AGNT-...}
     */
    public List<String> agentIds() {
        return state.agents();
    }

    /**
     * Tells whether the cluster-wide maintenance mode is on, as last set through
     * {@code PUT /_admin/cluster/maintenance}.
     *
     * @return {@code true} after {@code "on"}, {@code false} at start and after {@code "off"}
     */
    public boolean maintenanceMode() {
        return state.maintenance();
    }

    /**
     * Returns until when a DB-Server is in maintenance, as set through
     * {@code PUT /_admin/cluster/maintenance/{id}}.
     *
     * @param serverId a DB-Server's id
     * @return the end of its maintenance, or empty when it is in normal mode or its maintenance has
     *     expired
     */
    public Optional<Instant> serverMaintenance(String serverId) {
        return state.serverMaintenance(serverId);
    }

    /**
     * Returns the ids of the DB-Servers cleaned out, as {@code cleanedServers} of
     * {@code GET /_admin/cluster/numberOfServers} lists them.
     *
     * @return the ids, in the order they were cleaned out
     */
    public List<String> cleanedServers() {
        return state.agency().cleanedServers();
    }

    /**
     * Returns where the shards of a collection are now.
     *
     * @param database the database's name
     * @param collection the collection's name
     * @return each shard's DB-Server ids by shard id, the leader first; empty when there is no such collection
     */
    public Map<String, List<String>> shards(String database, String collection) {
        return state.agency().collection(database, collection).map(Agency.Collection::shards).orElse(Map.of());
    }

    /**
     * Returns the status of an agency job, as {@code GET /_admin/cluster/queryAgencyJob} reports it.
     *
     * @param jobId the job's id
     * @return {@code ToDo}, {@code Pending}, {@code Finished} or {@code Failed}; empty for an unknown id
     */
    public Optional<String> jobStatus(String jobId) {
        return state.agency().job(jobId).map(job -> job.status);
    }

    /**
     * Makes agency jobs stay {@code Pending} instead of finishing, until {@link #runJobs()} or {@link #reset()}:
     * for a test of a wait that must time out.
     */
    public void holdJobs() {
        state.agency().jobMode(Agency.JobMode.HOLD, null);
    }

    /**
     * Makes agency jobs fail instead of finishing, with a reason, until {@link #runJobs()} or {@link #reset()}.
     *
     * @param reason the job's {@code reason}, e.g. {@code no DB-Server left to take the shards}
     * @throws IllegalArgumentException if {@code reason} is null or empty
     */
    public void failJobs(String reason) {
        if (reason == null || reason.isEmpty()) {
            throw new IllegalArgumentException("A failed job needs a reason, got " + (reason == null ? "null" : "''"));
        }
        state.agency().jobMode(Agency.JobMode.FAIL, reason);
    }

    /** Lets agency jobs finish again, their effect applied: how the cluster starts. */
    public void runJobs() {
        state.agency().jobMode(Agency.JobMode.RUN, null);
    }

    /**
     * Reports a DB-Server as {@code FAILED} in the health, as when its process is gone, until
     * {@link #recoverDbServer(String)} or {@link #reset()}. Only a failed DB-Server that holds no shard can be
     * removed with {@code POST /_admin/cluster/removeServer}.
     *
     * @param serverId a DB-Server's id
     * @throws IllegalArgumentException if no DB-Server of the cluster has that id
     */
    public void failDbServer(String serverId) {
        state.agency().failed(state.dbServer(serverId), true);
    }

    /**
     * Reports a failed DB-Server as {@code GOOD} again.
     *
     * @param serverId a DB-Server's id
     * @throws IllegalArgumentException if no DB-Server of the cluster has that id
     */
    public void recoverDbServer(String serverId) {
        state.agency().failed(state.dbServer(serverId), false);
    }

    /**
     * Returns how many requests the coordinators received, all together, since the start or the last
     * {@link #reset()}.
     *
     * @return the sum of {@link FakeCoordinator#requestCount()}
     */
    public int requestCount() {
        return coordinators.stream().mapToInt(FakeCoordinator::requestCount).sum();
    }

    /**
     * Returns how many requests each coordinator received.
     *
     * @return counts by coordinator URL, in coordinator order
     */
    public Map<String, Integer> requestCounts() {
        return coordinators.stream().collect(Collectors.toMap(FakeCoordinator::url, FakeCoordinator::requestCount,
                (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * Brings the cluster back to how it started: stopped coordinators start again, frozen and black-holed ones
     * answer again without their old connections, faults are cleared, request logs emptied, every maintenance
     * mode switched off, the shards where they started, agency jobs forgotten and running again, every
     * DB-Server back, none cleaned out, and the log levels and sort orders as they were. Used between tests
     * that share a cluster.
     */
    public void reset() {
        for (FakeCoordinator coordinator : coordinators) {
            if (coordinator.isFrozen()) {
                // Not thawed: what it holds would be read, and logged, after the log is cleared, in the next test.
                coordinator.stop();
            }
            coordinator.heal();
            if (!coordinator.isRunning()) {
                coordinator.start();
            }
            coordinator.clearRequests();
        }
        state.reset();
    }

    /** Stops every coordinator, closing their connections, and the cluster's threads; idempotent. */
    @Override
    public void close() {
        coordinators.forEach(FakeCoordinator::shutdown);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public String toString() {
        return "FakeCluster" + hosts();
    }

    /** Describes a cluster to start: its shape, users and databases. */
    public static final class Builder {
        private final ClusterShape shape = new ClusterShape();

        private Builder() {
        }

        /**
         * Sets how many coordinators answer HTTP.
         *
         * @param count 1 to 64; default 3
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is out of range
         */
        public Builder coordinators(int count) {
            shape.coordinators(count);
            return this;
        }

        /**
         * Sets how many DB-Servers the cluster reports.
         *
         * @param count 1 to 64; default 3
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is out of range
         */
        public Builder dbServers(int count) {
            shape.dbServers(count);
            return this;
        }

        /**
         * Sets how many agents the cluster reports.
         *
         * @param count 1 to 64; default 3
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is out of range
         */
        public Builder agents(int count) {
            shape.agents(count);
            return this;
        }

        /**
         * Adds a user that basic authentication accepts. Once a user is added, the default
         * {@code root}/{@code passwd} is no longer accepted unless added too.
         *
         * @param name the user name, not empty and without {@code :}
         * @param password the password; may be empty
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or holds {@code :}, or either is null
         */
        public Builder user(String name, String password) {
            shape.user(name, password);
            return this;
        }

        /**
         * Adds a database besides {@code _system}; a request for a database that does not exist gets
         * 404 with errorNum 1228, as from ArangoDB.
         *
         * @param name the database name
         * @return this builder
         * @throws IllegalArgumentException if the name is null or empty
         */
        public Builder database(String name) {
            shape.database(name);
            return this;
        }

        /**
         * Adds a collection, its shards spread over the DB-Servers in turn: shard {@code i} of the
         * {@code c}-th collection is led by DB-Server {@code (c + i) mod n}, followed by the next ones.
         * Shard moves, clean-outs and resignations move these shards; the inventory and the shard
         * distribution report them.
         *
         * @param database the database, {@code _system} or one added with {@link #database(String)}
         * @param name the collection's name, not empty
         * @param numberOfShards 1 to 64
         * @param replicationFactor 1 to 64; at most the number of DB-Servers are used
         * @return this builder
         * @throws IllegalArgumentException if a name is null or empty, or a number out of range
         */
        public Builder collection(String database, String name, int numberOfShards, int replicationFactor) {
            shape.collection(database, name, numberOfShards, replicationFactor);
            return this;
        }

        /**
         * Starts the cluster: every coordinator listens on 127.0.0.1 when this returns.
         *
         * @return the running cluster; close it when done
         */
        public FakeCluster start() {
            return new FakeCluster(shape.complete());
        }
    }
}
