package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * How far the followers of a shard have synchronised with its leader.
 *
 * @param total            the documents the leader holds, or {@code null}
 * @param current          the documents the followers hold so far, or {@code null}
 * @param followerPercent  {@code current} as a percentage of {@code total}, or {@code null} when not known
 * @param followersSyncing how many followers are synchronising, or {@code null}
 * @param extra            every field this record does not model
 */
public record ShardSyncProgress(Long total, Long current, Double followerPercent, Long followersSyncing,
        Map<String, Object> extra) {

    /**
     * Copies {@code extra} into an unmodifiable map that keeps its order; {@code null} becomes an empty map.
     *
     * @param total            the documents the leader holds, or {@code null}
     * @param current          the documents the followers hold so far, or {@code null}
     * @param followerPercent  {@code current} as a percentage of {@code total}, or {@code null} when not known
     * @param followersSyncing how many followers are synchronising, or {@code null}
     * @param extra            every field this record does not model
     */
    public ShardSyncProgress {
        extra = Immutables.map(extra);
    }
}
