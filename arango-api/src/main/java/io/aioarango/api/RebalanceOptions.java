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

    /**
     * Starts options with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options with nothing set: only {@code version} is sent, and the server's defaults apply.
     *
     * @return the default options
     */
    public static RebalanceOptions defaults() {
        return builder().build();
    }

    /**
     * The request body.
     *
     * @return an unmodifiable map: {@code version}, then the options that were set, in the order first set
     */
    public Map<String, Object> asMap() {
        return body;
    }

    /**
     * The options as sent.
     *
     * @return e.g. {@code RebalanceOptions{version=1, maximumNumberOfMoves=100}}
     */
    @Override
    public String toString() {
        return "RebalanceOptions" + body;
    }

    /** Builds {@link RebalanceOptions}; setting an option twice keeps the last value. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>(Map.of("version", VERSION));

        private Builder() {
        }

        /**
         * Limits the plan's moves.
         *
         * @param moves at most this many moves, 1 to {@value RebalanceOptions#MAX_MOVES} (server default 1000)
         * @return this builder
         * @throws IllegalArgumentException if {@code moves} is out of range
         */
        public Builder maximumNumberOfMoves(int moves) {
            if (moves < 1 || moves > MAX_MOVES) {
                throw new IllegalArgumentException(
                        "maximumNumberOfMoves " + moves + " is out of range; use 1 to " + MAX_MOVES);
            }
            body.put("maximumNumberOfMoves", moves);
            return this;
        }

        /**
         * Whether leaders may change places with followers, without moving data.
         *
         * @param allowed {@code true} to allow it (server default {@code true})
         * @return this builder
         */
        public Builder leaderChanges(boolean allowed) {
            body.put("leaderChanges", allowed);
            return this;
        }

        /**
         * Whether leader shards may move to another DB-Server.
         *
         * @param allowed {@code true} to allow it (server default {@code false})
         * @return this builder
         */
        public Builder moveLeaders(boolean allowed) {
            body.put("moveLeaders", allowed);
            return this;
        }

        /**
         * Whether follower shards may move to another DB-Server.
         *
         * @param allowed {@code true} to allow it (server default {@code false})
         * @return this builder
         */
        public Builder moveFollowers(boolean allowed) {
            body.put("moveFollowers", allowed);
            return this;
        }

        /**
         * Weighs leader imbalance against shard imbalance.
         *
         * @param factor a positive, finite number
         * @return this builder
         * @throws IllegalArgumentException if {@code factor} is zero, negative, infinite or NaN
         */
        public Builder piFactor(double factor) {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("piFactor " + factor + " is not accepted; use a positive, finite number");
            }
            body.put("piFactor", factor);
            return this;
        }

        /**
         * Whether system collections are left where they are.
         *
         * @param exclude {@code true} to leave them (server default {@code false})
         * @return this builder
         */
        public Builder excludeSystemCollections(boolean exclude) {
            body.put("excludeSystemCollections", exclude);
            return this;
        }

        /**
         * Leaves the shards of some databases where they are.
         *
         * @param databases the databases' names; copied
         * @return this builder
         * @throws NullPointerException if {@code databases} is {@code null}
         * @throws IllegalArgumentException if a name is {@code null} or blank
         */
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

        /**
         * Builds the options; the builder may be changed and used again afterwards.
         *
         * @return new immutable options
         */
        public RebalanceOptions build() {
            return new RebalanceOptions(new LinkedHashMap<>(body));
        }
    }
}
