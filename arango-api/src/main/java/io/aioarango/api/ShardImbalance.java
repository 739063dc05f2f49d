package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.List;
import java.util.Map;

/**
 * How shard data is spread over the DB-Servers; lists hold one entry per DB-Server.
 *
 * @param sizeUsed                         the bytes each DB-Server holds
 * @param targetSize                       the bytes each should hold
 * @param numberShards                     the shards on each
 * @param totalUsed                        the sum of all sizes
 * @param totalShards                      the number of shards
 * @param totalShardsFromSystemCollections the shards of system collections (3.11 and later)
 * @param imbalance                        the imbalance score (lower is better)
 * @param extra                            every field this record does not model
 */
public record ShardImbalance(
        List<Double> sizeUsed,
        List<Double> targetSize,
        List<Long> numberShards,
        Double totalUsed,
        Long totalShards,
        Long totalShardsFromSystemCollections,
        Double imbalance,
        Map<String, Object> extra) {

    /**
     * Copies the lists and {@code extra} into unmodifiable ones that keep their order; {@code null} becomes empty.
     *
     * @param sizeUsed                         the bytes each DB-Server holds
     * @param targetSize                       the bytes each should hold
     * @param numberShards                     the shards on each
     * @param totalUsed                        the sum of all sizes
     * @param totalShards                      the number of shards
     * @param totalShardsFromSystemCollections the shards of system collections (3.11 and later)
     * @param imbalance                        the imbalance score (lower is better)
     * @param extra                            every field this record does not model
     */
    public ShardImbalance {
        sizeUsed = Immutables.list(sizeUsed);
        targetSize = Immutables.list(targetSize);
        numberShards = Immutables.list(numberShards);
        extra = Immutables.map(extra);
    }
}
