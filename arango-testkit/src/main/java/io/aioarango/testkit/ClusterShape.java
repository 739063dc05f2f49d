package io.aioarango.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The shape of a cluster to start, as a {@link FakeCluster.Builder} collects it: how many coordinators,
 * DB-Servers and agents, the users, databases and collections, each setting checked as it is made.
 * {@link #complete()} gives the shape a cluster starts with; the server ids follow from the counts.
 */
final class ClusterShape {
    private static final int MAX_SERVERS = 64;

    private int coordinators = 3;
    private int dbServers = 3;
    private int agents = 3;
    private final Map<String, String> users = new LinkedHashMap<>();
    private final Set<String> databases = new LinkedHashSet<>(List.of("_system"));
    private final List<Agency.CollectionSpec> collections = new ArrayList<>();

    void coordinators(int count) {
        coordinators = checkCount("coordinators", count, 1);
    }

    void dbServers(int count) {
        dbServers = checkCount("dbServers", count, 1);
    }

    void agents(int count) {
        agents = checkCount("agents", count, 1);
    }

    private static int checkCount(String name, int count, int min) {
        if (count < min || count > MAX_SERVERS) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + MAX_SERVERS
                    + ", got " + count);
        }
        return count;
    }

    void user(String name, String password) {
        if (name == null || name.isEmpty() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("A user name must be non-empty and hold no ':', got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        if (password == null) {
            throw new IllegalArgumentException("The password of user '" + name + "' is null; use \"\" for none");
        }
        users.put(name, password);
    }

    void database(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A database name must be non-empty, got "
                    + (name == null ? "null" : "''"));
        }
        databases.add(name);
    }

    void collection(String database, String name, int numberOfShards, int replicationFactor) {
        if (database == null || database.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A collection needs a database and a name, got '" + database
                    + "' and '" + name + "'");
        }
        collections.add(new Agency.CollectionSpec(database, name, checkCount("numberOfShards", numberOfShards, 1),
                checkCount("replicationFactor", replicationFactor, 1)));
    }

    /**
     * The shape a cluster starts with: a copy, later changes to this one left out, with {@code root}/{@code passwd}
     * as the one user if none was added.
     *
     * @return the copy
     * @throws IllegalArgumentException if a collection is in a database the shape does not have
     */
    ClusterShape complete() {
        ClusterShape copy = new ClusterShape();
        copy.coordinators = coordinators;
        copy.dbServers = dbServers;
        copy.agents = agents;
        copy.users.putAll(users.isEmpty() ? Map.of("root", "passwd") : users);
        copy.databases.addAll(databases);
        for (Agency.CollectionSpec spec : collections) {
            if (!copy.databases.contains(spec.database())) {
                throw new IllegalArgumentException("Collection '" + spec.name() + "' is in database '"
                        + spec.database() + "', which the cluster does not have; add it with database(name)");
            }
        }
        copy.collections.addAll(collections);
        return copy;
    }

    int coordinatorCount() {
        return coordinators;
    }

    List<String> coordinatorIds() {
        return ids("CRDN", "coordinator", coordinators);
    }

    /** A new state of a cluster of this shape, its agency's jobs and maintenance modes as at the start. */
    ClusterState newState() {
        return new ClusterState(coordinatorIds(), ids("PRMR", "dbserver", dbServers), ids("AGNT", "agent", agents),
                users, databases, collections);
    }

    /** Server ids as ArangoDB makes them (a role prefix and a UUID), the same in every run. */
    private static List<String> ids(String prefix, String role, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(prefix + "-" + UUID.nameUUIDFromBytes((role + i).getBytes(StandardCharsets.UTF_8)));
        }
        return ids;
    }
}
