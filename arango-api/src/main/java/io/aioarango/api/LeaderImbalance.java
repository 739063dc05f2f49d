package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.List;
import java.util.Map;

/**
 * How leader shards are spread over the DB-Servers; lists hold one entry per DB-Server.
 *
 * @param weightUsed   the leader weight each DB-Server carries
 * @param targetWeight the weight each should carry
 * @param numberShards the leader shards on each
 * @param leaderDupl   the duplicate leaders on each
 * @param totalWeight  the sum of all weights
 * @param imbalance    the imbalance score (lower is better)
 * @param totalShards  the number of leader shards
 * @param extra        every field this record does not model
 */
public record LeaderImbalance(
        List<Double> weightUsed,
        List<Double> targetWeight,
        List<Long> numberShards,
        List<Long> leaderDupl,
        Double totalWeight,
        Double imbalance,
        Long totalShards,
        Map<String, Object> extra) {

    /**
     * Copies the lists and {@code extra} into unmodifiable ones that keep their order; {@code null} becomes empty.
     *
     * @param weightUsed   the leader weight each DB-Server carries
     * @param targetWeight the weight each should carry
     * @param numberShards the leader shards on each
     * @param leaderDupl   the duplicate leaders on each
     * @param totalWeight  the sum of all weights
     * @param imbalance    the imbalance score (lower is better)
     * @param totalShards  the number of leader shards
     * @param extra        every field this record does not model
     */
    public LeaderImbalance {
        weightUsed = Immutables.list(weightUsed);
        targetWeight = Immutables.list(targetWeight);
        numberShards = Immutables.list(numberShards);
        leaderDupl = Immutables.list(leaderDupl);
        extra = Immutables.map(extra);
    }
}
