package io.aioarango.testkit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the coordinators of one fake cluster share: its servers, users, databases, maintenance state, agency
 * (shards and jobs), and each server's log levels and sort order.
 */
final class ClusterState {
    private final List<String> coordinatorIds;
    private final Agency agency;
    private final List<String> agents;
    private final Map<String, String> users;
    private final Set<String> databases;
    private final Map<String, Instant> serverMaintenance = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> logLevels = new ConcurrentHashMap<>();
    private final Set<String> sortMigrated = ConcurrentHashMap.newKeySet();
    private volatile List<FakeCoordinator> coordinators = List.of();
    private volatile boolean maintenance;

    ClusterState(List<String> coordinatorIds, List<String> dbServers, List<String> agents,
            Map<String, String> users, Set<String> databases, List<Agency.CollectionSpec> collections) {
        this.coordinatorIds = List.copyOf(coordinatorIds);
        this.agency = new Agency(dbServers, collections);
        this.agents = List.copyOf(agents);
        this.users = Map.copyOf(users);
        this.databases = Set.copyOf(databases);
    }

    /**
     * Checks that a DB-Server of the cluster has this id.
     *
     * @param serverId the id to check
     * @return the id
     * @throws IllegalArgumentException if no DB-Server has it
     */
    String dbServer(String serverId) {
        if (serverId == null || !dbServers().contains(serverId)) {
            throw new IllegalArgumentException("No DB-Server has the id '" + serverId + "'; the DB-Servers are "
                    + dbServers());
        }
        return serverId;
    }

    void coordinators(List<FakeCoordinator> coordinators) {
        this.coordinators = List.copyOf(coordinators);
    }

    List<FakeCoordinator> coordinators() {
        return coordinators;
    }

    /** The DB-Servers not removed, in order. */
    List<String> dbServers() {
        return agency.dbServers();
    }

    Agency agency() {
        return agency;
    }

    List<String> agents() {
        return agents;
    }

    boolean isServer(String id) {
        return coordinatorIds.contains(id) || dbServers().contains(id) || agents.contains(id);
    }

    /** The role label of a server's metrics: COORDINATOR, DBSERVER or AGENT. */
    String role(String id) {
        return coordinatorIds.contains(id) ? "COORDINATOR" : agents.contains(id) ? "AGENT" : "DBSERVER";
    }

    /** A server's level of each topic, starting from {@code defaults}; the map itself, to read and change locked. */
    Map<String, String> logLevels(String serverId, Map<String, String> defaults) {
        return logLevels.computeIfAbsent(serverId, id -> new LinkedHashMap<>(defaults));
    }

    boolean sortMigrated(String dbServer) {
        return sortMigrated.contains(dbServer);
    }

    void migrateSort(String dbServer) {
        sortMigrated.add(dbServer);
    }

    /** The user the credentials name, if the password matches. */
    String authenticate(String user, String password) {
        String expected = users.get(user);
        return expected != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                password.getBytes(java.nio.charset.StandardCharsets.UTF_8)) ? user : null;
    }

    boolean hasDatabase(String name) {
        return databases.contains(name);
    }

    boolean maintenance() {
        return maintenance;
    }

    void maintenance(boolean on) {
        maintenance = on;
    }

    Optional<Instant> serverMaintenance(String serverId) {
        Instant until = serverMaintenance.get(serverId);
        if (until != null && !until.isAfter(Instant.now())) {
            serverMaintenance.remove(serverId, until);
            return Optional.empty();
        }
        return Optional.ofNullable(until);
    }

    void serverMaintenance(String serverId, Instant until) {
        if (until == null) {
            serverMaintenance.remove(serverId);
        } else {
            serverMaintenance.put(serverId, until);
        }
    }

    void reset() {
        maintenance = false;
        serverMaintenance.clear();
        logLevels.clear();
        sortMigrated.clear();
        agency.reset();
    }
}
