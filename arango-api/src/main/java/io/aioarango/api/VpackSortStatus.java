package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * How one server sorts VelocyPack values in its indexes, from
 * {@code GET /_admin/cluster/vpackSortMigration/status}: {@code LEGACY} (the order before 3.11.11 and
 * 3.12.2) or {@code CORRECT}.
 *
 * @param current the order in use now, or {@code null}
 * @param next    the order in use after the next restart, {@code CORRECT} once
 *                {@link Cluster#migrateVpackSorting()} ran; or {@code null}
 * @param extra   every field this record does not model
 */
public record VpackSortStatus(String current, String next, Map<String, Object> extra) {

    /**
     * Copies {@code extra} into an unmodifiable map that keeps its order; {@code null} becomes an empty map.
     *
     * @param current the order in use now, or {@code null}
     * @param next    the order in use after the next restart, {@code CORRECT} once
     *                {@link Cluster#migrateVpackSorting()} ran; or {@code null}
     * @param extra   every field this record does not model
     */
    public VpackSortStatus {
        extra = Immutables.map(extra);
    }

    /**
     * Whether the server sorts the correct way now.
     *
     * @return {@code true} if {@link #current()} is {@code CORRECT}
     */
    public boolean isCorrect() {
        return "CORRECT".equals(current);
    }
}
