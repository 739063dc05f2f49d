package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * The cluster's shard imbalance, from {@code GET /_admin/cluster/rebalance}, and the before and after
 * figures of a {@link RebalancePlan}.
 *
 * @param leader            the spread of leader shards
 * @param shards            the spread of shard data
 * @param pendingMoveShards shard moves running now ({@code null} inside a plan)
 * @param todoMoveShards    shard moves waiting to run ({@code null} inside a plan)
 * @param extra             every field this record does not model
 */
public record ClusterImbalance(
        LeaderImbalance leader,
        ShardImbalance shards,
        Long pendingMoveShards,
        Long todoMoveShards,
        Map<String, Object> extra) {

    /**
     * Copies {@code extra} into an unmodifiable map that keeps its order; {@code null} becomes an empty map.
     *
     * @param leader            the spread of leader shards
     * @param shards            the spread of shard data
     * @param pendingMoveShards shard moves running now ({@code null} inside a plan)
     * @param todoMoveShards    shard moves waiting to run ({@code null} inside a plan)
     * @param extra             every field this record does not model
     */
    public ClusterImbalance {
        extra = Immutables.map(extra);
    }
}
