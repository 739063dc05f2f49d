package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;
import java.util.Objects;

/**
 * Where the shards of one collection should be (the Plan) and are (Current). The server names them by
 * their short names ({@code DBServer0001}) where it knows them, by their ids otherwise.
 *
 * @param plan    each shard's planned servers by shard id
 * @param current each shard's servers as they are, by shard id
 * @param extra   every field this record does not model
 */
public record CollectionShardDistribution(
        Map<String, ShardLocation> plan,
        Map<String, ShardLocation> current,
        Map<String, Object> extra) {

    /**
     * Copies the maps into unmodifiable ones that keep their order; {@code null} becomes an empty map.
     *
     * @param plan    each shard's planned servers by shard id
     * @param current each shard's servers as they are, by shard id
     * @param extra   every field this record does not model
     */
    public CollectionShardDistribution {
        plan = Immutables.map(plan);
        current = Immutables.map(current);
        extra = Immutables.map(extra);
    }

    /**
     * Whether the servers of every shard are those planned.
     *
     * @return {@code true} if Plan and Current name the same leader and followers for every shard
     */
    public boolean isInSync() {
        if (!plan.keySet().equals(current.keySet())) {
            return false;
        }
        return plan.entrySet().stream().allMatch(entry -> {
            ShardLocation now = current.get(entry.getKey());
            return Objects.equals(entry.getValue().leader(), now.leader())
                    && entry.getValue().followers().equals(now.followers());
        });
    }
}
