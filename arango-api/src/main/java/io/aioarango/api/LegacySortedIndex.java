package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * An index that holds keys sorted the legacy way, found by {@link Cluster#vpackSortMigrationCheck()}.
 *
 * @param database   the database's name, or {@code null}
 * @param collection the collection's name (a shard's id, e.g. {@code s10153}, on a DB-Server), or {@code null}
 * @param indexId    the index's id as text, e.g. {@code 10160}, or {@code null}
 * @param indexName  the index's name, or {@code null}
 * @param extra      every field this record does not model
 */
public record LegacySortedIndex(String database, String collection, String indexId, String indexName,
        Map<String, Object> extra) {

    /**
     * Copies {@code extra} into an unmodifiable map that keeps its order; {@code null} becomes an empty map.
     *
     * @param database   the database's name, or {@code null}
     * @param collection the collection's name (a shard's id, e.g. {@code s10153}, on a DB-Server), or
     *                   {@code null}
     * @param indexId    the index's id as text, e.g. {@code 10160}, or {@code null}
     * @param indexName  the index's name, or {@code null}
     * @param extra      every field this record does not model
     */
    public LegacySortedIndex {
        extra = Immutables.map(extra);
    }
}
