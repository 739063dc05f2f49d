package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collections of one database with where their shards are, from
 * {@code GET /_db/{name}/_api/replication/clusterInventory}.
 *
 * @param properties  the database's properties ({@code id}, {@code name}, {@code sharding},
 *                    {@code replicationFactor}, ...)
 * @param collections every collection the user may read, in the order sent
 * @param views       each view's properties
 * @param tick        the server's tick when the inventory was taken, or {@code null}
 * @param state       the replication state, {@code unused} in a cluster, or {@code null}
 * @param extra       every field this record does not model
 */
public record DatabaseInventory(
        Map<String, Object> properties,
        List<InventoryCollection> collections,
        List<Map<String, Object>> views,
        String tick,
        String state,
        Map<String, Object> extra) {

    /**
     * Copies the maps and lists into unmodifiable ones that keep their order; {@code null} becomes empty.
     *
     * @param properties  the database's properties ({@code id}, {@code name}, {@code sharding},
     *                    {@code replicationFactor}, ...)
     * @param collections every collection the user may read, in the order sent
     * @param views       each view's properties
     * @param tick        the server's tick when the inventory was taken, or {@code null}
     * @param state       the replication state, {@code unused} in a cluster, or {@code null}
     * @param extra       every field this record does not model
     */
    public DatabaseInventory {
        properties = Immutables.map(properties);
        collections = Immutables.list(collections);
        views = Immutables.list(views);
        extra = Immutables.map(extra);
    }

    /**
     * The collection of a name.
     *
     * @param name the collection's name, e.g. {@code orders}
     * @return the collection, or empty when the inventory has none of that name
     */
    public Optional<InventoryCollection> collection(String name) {
        return collections.stream().filter(collection -> name != null && name.equals(collection.name())).findFirst();
    }
}
