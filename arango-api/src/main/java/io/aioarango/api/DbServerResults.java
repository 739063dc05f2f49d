package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * The answers of every DB-Server to a request a coordinator sent on to each of them, such as
 * {@link Cluster#vpackSortMigrationStatus()}. A single server (not a cluster) answers for itself: its one
 * result is under the empty key {@code ""}.
 *
 * @param <T>      the type of one DB-Server's result
 * @param results  each DB-Server's result by server id, for those that answered, in the order sent
 * @param failures each DB-Server's failure by server id, for those that could not answer, in the order sent
 * @param extra    every top-level field this record does not model
 */
public record DbServerResults<T>(Map<String, T> results, Map<String, DbServerFailure> failures,
        Map<String, Object> extra) {

    /**
     * Copies the maps into unmodifiable ones that keep their order; {@code null} becomes an empty map.
     *
     * @param results  each DB-Server's result by server id, for those that answered, in the order sent
     * @param failures each DB-Server's failure by server id, for those that could not answer, in the order sent
     * @param extra    every top-level field this record does not model
     */
    public DbServerResults {
        results = Immutables.map(results);
        failures = Immutables.map(failures);
        extra = Immutables.map(extra);
    }

    /**
     * Whether every DB-Server answered.
     *
     * @return {@code true} if {@link #failures()} is empty
     */
    public boolean allAnswered() {
        return failures.isEmpty();
    }
}
