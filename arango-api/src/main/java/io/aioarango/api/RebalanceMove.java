package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;
import java.util.Objects;

/**
 * One shard move of a {@link RebalancePlan}; pass the plan's moves to
 * {@link Cluster#executeRebalancePlan(java.util.List)} to run them.
 *
 * @param from       the DB-Server that holds the shard
 * @param to         the DB-Server it moves to
 * @param shard      the shard id, e.g. {@code s10021}
 * @param collection the collection id
 * @param database   the database name, or {@code null}
 * @param isLeader   whether the leader moves
 * @param extra      every field this record does not model; sent back as received on execution
 */
public record RebalanceMove(
        String from,
        String to,
        String shard,
        String collection,
        String database,
        boolean isLeader,
        Map<String, Object> extra) {

    /**
     * Checks the move and copies {@code extra} into an unmodifiable map that keeps its order; {@code null}
     * becomes an empty map.
     *
     * @param from       the DB-Server that holds the shard
     * @param to         the DB-Server it moves to
     * @param shard      the shard id, e.g. {@code s10021}
     * @param collection the collection id
     * @param database   the database name, or {@code null}
     * @param isLeader   whether the leader moves
     * @param extra      every field this record does not model; sent back as received on execution
     * @throws NullPointerException if {@code from}, {@code to}, {@code shard} or {@code collection} is
     *             {@code null}
     */
    public RebalanceMove {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(collection, "collection");
        extra = Immutables.map(extra);
    }
}
