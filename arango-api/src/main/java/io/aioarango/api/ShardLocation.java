package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.List;
import java.util.Map;

/**
 * The servers of one shard, in a {@link CollectionShardDistribution}.
 *
 * @param leader    the server that leads the shard, or {@code null} when none is known
 * @param followers the servers that follow it, in the order sent
 * @param progress  how far the followers have synchronised, for a shard not in sync when asked for one
 *                  collection; {@code null} otherwise
 * @param extra     every field this record does not model
 */
public record ShardLocation(String leader, List<String> followers, ShardSyncProgress progress,
        Map<String, Object> extra) {

    /**
     * Copies {@code followers} and {@code extra} into unmodifiable ones that keep their order; {@code null}
     * becomes empty.
     *
     * @param leader    the server that leads the shard, or {@code null} when none is known
     * @param followers the servers that follow it, in the order sent
     * @param progress  how far the followers have synchronised, for a shard not in sync when asked for one
     *                  collection; {@code null} otherwise
     * @param extra     every field this record does not model
     */
    public ShardLocation {
        followers = Immutables.list(followers);
        extra = Immutables.map(extra);
    }
}
