package io.aioarango.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@link Cluster#calculateRebalancePlan(RebalanceOptions)} and
 * {@link Cluster#rebalance(RebalanceOptions)}. Only the options set are sent, so the server's defaults
 * apply to the rest; {@code version} is always sent (the server requires it).
 *
 * <pre>{@code
 * RebalanceOptions options = RebalanceOptions.builder()
 *         .maximumNumberOfMoves(100)
 *         .moveLeaders(true)
 *         .excludeSystemCollections(true)
 *         .build();
 * }</pre>
 */
public final class RebalanceOptions {
    /** The only version of the rebalance API the server knows. */
    public static final int VERSION = 1;
    /** The server refuses plans with more moves. */
    public static final int MAX_MOVES = 5000;

    private final Map<String, Object> body;

    private RebalanceOptions(Map<String, Object> body) {
        this.body = Collections.unmodifiableMap(body);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Only {@code version}: the server's defaults for everything else. */
    public static RebalanceOptions defaults() {
        return builder().build();
    }

    /** The request body: {@code version} and the options that were set, in a stable order. */
    public Map<String, Object> asMap() {
        return body;
    }

    @Override
    public String toString() {
        return "RebalanceOptions" + body;
    }

    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>(Map.of("version", VERSION));

        private Builder() {
        }

        /** At most this many moves, 1 to {@value RebalanceOptions#MAX_MOVES} (server default 1000). */
        public Builder maximumNumberOfMoves(int moves) {
            if (moves < 1 || moves > MAX_MOVES) {
                throw new IllegalArgumentException(
                        "maximumNumberOfMoves " + moves + " is out of range; use 1 to " + MAX_MOVES);
            }
            body.put("maximumNumberOfMoves", moves);
            return this;
        }

        /** Whether leaders may change places with followers (server default true). */
        public Builder leaderChanges(boolean allowed) {
            body.put("leaderChanges", allowed);
            return this;
        }

        /** Whether leader shards may move (server default false). */
        public Builder moveLeaders(boolean allowed) {
            body.put("moveLeaders", allowed);
            return this;
        }

        /** Whether follower shards may move (server default false). */
        public Builder moveFollowers(boolean allowed) {
            body.put("moveFollowers", allowed);
            return this;
        }

        /** The weight of leader imbalance against shard imbalance; a positive, finite number. */
        public Builder piFactor(double factor) {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("piFactor " + factor + " is not accepted; use a positive, finite number");
            }
            body.put("piFactor", factor);
            return this;
        }

        /** Whether system collections are left where they are (server default false). */
        public Builder excludeSystemCollections(boolean exclude) {
            body.put("excludeSystemCollections", exclude);
            return this;
        }

        /** Databases whose shards are left where they are. */
        public Builder databasesExcluded(List<String> databases) {
            Objects.requireNonNull(databases, "databases");
            for (String database : databases) {
                if (database == null || database.isBlank()) {
                    throw new IllegalArgumentException(
                            "databasesExcluded holds a blank name " + databases + "; use database names");
                }
            }
            body.put("databasesExcluded", List.copyOf(databases));
            return this;
        }

        public RebalanceOptions build() {
            return new RebalanceOptions(new LinkedHashMap<>(body));
        }
    }
}
