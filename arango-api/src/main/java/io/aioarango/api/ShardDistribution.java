package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * Where the shards of every collection of a database are, from
 * {@code GET /_admin/cluster/shardDistribution}.
 *
 * @param collections each collection's shards by collection name, in the order sent
 * @param extra       every field this record does not model
 */
public record ShardDistribution(Map<String, CollectionShardDistribution> collections, Map<String, Object> extra) {

    /**
     * Copies the maps into unmodifiable ones that keep their order; {@code null} becomes an empty map.
     *
     * @param collections each collection's shards by collection name, in the order sent
     * @param extra       every field this record does not model
     */
    public ShardDistribution {
        collections = Immutables.map(collections);
        extra = Immutables.map(extra);
    }
}
