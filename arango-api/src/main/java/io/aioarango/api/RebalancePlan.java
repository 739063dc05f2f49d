package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.List;
import java.util.Map;

/**
 * A rebalance plan, from {@code POST} or {@code PUT /_admin/cluster/rebalance}.
 *
 * @param imbalanceBefore the imbalance now
 * @param imbalanceAfter  the imbalance once the moves are done
 * @param moves           the shard moves, in order
 * @param extra           every field this record does not model
 */
public record RebalancePlan(
        ClusterImbalance imbalanceBefore,
        ClusterImbalance imbalanceAfter,
        List<RebalanceMove> moves,
        Map<String, Object> extra) {

    /**
     * Copies {@code moves} and {@code extra} into unmodifiable ones that keep their order; {@code null}
     * becomes empty.
     *
     * @param imbalanceBefore the imbalance now
     * @param imbalanceAfter  the imbalance once the moves are done
     * @param moves           the shard moves, in order
     * @param extra           every field this record does not model
     */
    public RebalancePlan {
        moves = Immutables.list(moves);
        extra = Immutables.map(extra);
    }
}
