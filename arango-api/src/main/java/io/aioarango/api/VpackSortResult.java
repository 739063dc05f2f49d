package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.List;
import java.util.Map;

/**
 * One server's outcome of {@link Cluster#vpackSortMigrationCheck()} or {@link Cluster#migrateVpackSorting()}.
 * A check that finds indexes with keys in the legacy order reports them with {@code error} {@code true}
 * and errorCode 1242; that is the check's finding, not a failed request.
 *
 * @param error        whether the server reports a problem (for a check: legacy-sorted keys found)
 * @param errorCode    ArangoDB's error number, 0 when all is well, 1242 for legacy-sorted keys; or {@code null}
 * @param errorMessage the server's message, e.g. {@code all good with sorting order}, or {@code null}
 * @param affected     the indexes holding keys in the legacy order (a check only); on a DB-Server, each
 *                     index's {@code collection} is a shard
 * @param extra        every field this record does not model
 */
public record VpackSortResult(boolean error, Integer errorCode, String errorMessage, List<LegacySortedIndex> affected,
        Map<String, Object> extra) {

    /**
     * Copies {@code affected} and {@code extra} into unmodifiable ones that keep their order; {@code null}
     * becomes empty.
     *
     * @param error        whether the server reports a problem (for a check: legacy-sorted keys found)
     * @param errorCode    ArangoDB's error number, 0 when all is well, 1242 for legacy-sorted keys; or
     *                     {@code null}
     * @param errorMessage the server's message, e.g. {@code all good with sorting order}, or {@code null}
     * @param affected     the indexes holding keys in the legacy order (a check only); on a DB-Server, each
     *                     index's {@code collection} is a shard
     * @param extra        every field this record does not model
     */
    public VpackSortResult {
        affected = Immutables.list(affected);
        extra = Immutables.map(extra);
    }
}
