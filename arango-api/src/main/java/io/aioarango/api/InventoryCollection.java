package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One collection of a {@link DatabaseInventory}: its shards with the servers that hold them, its
 * indexes and whether its shards are in sync.
 *
 * @param name        the collection's name, or {@code null}
 * @param planId      the collection's id in the cluster's plan, or {@code null}
 * @param shards      each shard's servers by shard id, in the order sent: the leader first, then the
 *                    followers, e.g. {@code s10153=[PRMR-1, PRMR-2]}
 * @param parameters  every other property of the collection ({@code numberOfShards},
 *                    {@code replicationFactor}, {@code shardKeys}, ...)
 * @param indexes     the collection's indexes, each as the server sent it
 * @param isReady     whether every shard's leader in Current is the one of the Plan, or {@code null}
 * @param allInSync   whether every shard's servers in Current are those of the Plan, or {@code null}
 * @param planVersion the plan version, or {@code null}
 * @param extra       every field of the entry (beside {@code parameters}) this record does not model
 */
public record InventoryCollection(
        String name,
        String planId,
        Map<String, List<String>> shards,
        Map<String, Object> parameters,
        List<Map<String, Object>> indexes,
        Boolean isReady,
        Boolean allInSync,
        Long planVersion,
        Map<String, Object> extra) {

    /**
     * Copies the maps and lists into unmodifiable ones that keep their order; {@code null} becomes empty.
     *
     * @param name        the collection's name, or {@code null}
     * @param planId      the collection's id in the cluster's plan, or {@code null}
     * @param shards      each shard's servers by shard id, in the order sent: the leader first, then the
     *                    followers, e.g. {@code s10153=[PRMR-1, PRMR-2]}
     * @param parameters  every other property of the collection ({@code numberOfShards},
     *                    {@code replicationFactor}, {@code shardKeys}, ...)
     * @param indexes     the collection's indexes, each as the server sent it
     * @param isReady     whether every shard's leader in Current is the one of the Plan, or {@code null}
     * @param allInSync   whether every shard's servers in Current are those of the Plan, or {@code null}
     * @param planVersion the plan version, or {@code null}
     * @param extra       every field of the entry (beside {@code parameters}) this record does not model
     */
    public InventoryCollection {
        Map<String, List<String>> copied = new LinkedHashMap<>();
        if (shards != null) {
            shards.forEach((shard, servers) -> copied.put(shard, Immutables.list(servers)));
        }
        shards = Immutables.map(copied);
        parameters = Immutables.map(parameters);
        indexes = Immutables.list(indexes);
        extra = Immutables.map(extra);
    }

    /**
     * The leader of a shard.
     *
     * @param shard the shard's id, e.g. {@code s10153}
     * @return the id of the server that leads it, or {@code null} when the collection has no such shard
     */
    public String leader(String shard) {
        List<String> servers = shards.get(shard);
        return servers == null || servers.isEmpty() ? null : servers.get(0);
    }
}
